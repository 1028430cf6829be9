entity Post {
  title: String(100)
  timestamps
}

command touch on Post {
  set updated_at = now()
}
