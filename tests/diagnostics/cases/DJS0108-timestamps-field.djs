entity Post {
  title: String(200)
  created_at: DateTime
  timestamps
}
