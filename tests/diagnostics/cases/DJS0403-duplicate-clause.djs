entity Post { title: String(100) }

query latest -> Post[] {
  order -title
  limit 10
  limit 20
}
