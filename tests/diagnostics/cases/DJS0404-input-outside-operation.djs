entity Post {
  title: String(100)
  allow read: title == input.title
}
