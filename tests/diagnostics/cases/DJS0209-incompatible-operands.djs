entity Post {
  title: String(100)
  views: Int = 0
}

query popular -> Post[] {
  where views > "100"
}
