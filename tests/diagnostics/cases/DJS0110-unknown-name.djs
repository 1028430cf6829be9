entity Post {
  title: String(100)
  views: Int = 0
  allow read: vews > 10
}
