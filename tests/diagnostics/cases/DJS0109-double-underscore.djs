entity Post {
  title: String(200)
  meta__data: JSON?
}
