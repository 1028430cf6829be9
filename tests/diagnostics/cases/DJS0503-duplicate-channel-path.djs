entity Post { title: String(100) }

channel posts {
  path "/ws/posts/"
  broadcast Post.created
}

channel post_updates {
  path "/ws/posts/"
  broadcast Post.updated
}
