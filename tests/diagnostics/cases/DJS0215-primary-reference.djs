entity Profile {
  user: User primary
}
