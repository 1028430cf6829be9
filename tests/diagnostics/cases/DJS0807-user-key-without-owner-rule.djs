// A note belongs to its author, yet any signed-in user could edit or delete it.
entity Note {
  body: Text
  author: User
}
