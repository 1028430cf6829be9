entity Author {
  name String(120)
  email: Email unique
}
