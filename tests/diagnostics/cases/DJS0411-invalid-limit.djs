entity Post { title: String(100) }

query none -> Post[] {
  limit 0
}
