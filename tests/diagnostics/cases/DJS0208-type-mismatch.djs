entity Post {
  title: String(100)
  published_at: DateTime?
}

command publish on Post {
  set published_at = "tomorrow"
}
