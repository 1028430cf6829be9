entity Post { title: String(100) }
event PostPublished { post: Post }

channel posts {
  path "/ws/posts/"
  broadcast PostPublished, Post
}
