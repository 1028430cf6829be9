entity Post {
  title: String(100)
  published_at: DateTime?
}

query recent -> Post[] {
  where published_at < nwo()
}
