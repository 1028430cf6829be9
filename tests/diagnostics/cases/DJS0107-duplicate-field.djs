entity Post {
  title: String(200)
  body: Text
  title: Text
}
