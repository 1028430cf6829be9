entity Post { title: String(100) }

command create_copy on Post[] {
  set title = self.title
}
