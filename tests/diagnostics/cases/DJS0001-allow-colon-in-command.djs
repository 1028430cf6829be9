entity Post {
  title: String(200)
  published: Bool = false
}

command publish on Post {
  allow: authenticated
  set published = true
}
