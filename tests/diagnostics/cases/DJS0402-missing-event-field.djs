entity Post { title: String(100) }
event PostPublished { post: Post  at: DateTime }

command publish on Post {
  emit PostPublished { post = self }
}
