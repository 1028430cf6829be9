entity Post {
  title: String(100)
  allow read, udpate: authenticated
}
