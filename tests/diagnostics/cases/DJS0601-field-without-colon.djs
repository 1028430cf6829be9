entity Author {
  name: String(120)
  bio Text
}
