entity Post {
  title: String(200)
  pagination cursor { size 20 }
  pagination offset
}
