entity User {
  email: Email @unique
  name: String(100)
}
