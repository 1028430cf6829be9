entity Post {
  title: String(100)
  published: Bool = false
}
event PostPublished { post: Post }

command publish on Post {
  set published = true
  emit PostPublishd { post = self }
}

channel posts { broadcast PostPublished }
