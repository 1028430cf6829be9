entity Post {
  title: String(200)
  slug_: String(200)
}
