app blog { roles editor, moderator }

entity Post {
  title: String(100)
  allow update: role(edtor)
}
