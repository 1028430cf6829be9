entity Post { title: String(100) }

channel posts {
  path "/ws/posts/"
  broadcast Post.changed
}
