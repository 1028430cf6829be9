enum Status { draft published }

entity Post {
  status: Status = draft
}

command publish on Post {
  allow authenticated
  require status = draft else "only drafts can be published"
  set status = published
}
