entity Post { title: String(100) }

channel posts {
  path "ws/all posts"
  broadcast Post.updated
}
