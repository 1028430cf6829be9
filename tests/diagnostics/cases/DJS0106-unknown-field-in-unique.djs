entity Post {
  title: String(200)
  slug: Slug
  unique (title, slgu)
}
