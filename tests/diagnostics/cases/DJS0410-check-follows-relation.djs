entity Author { active: Bool = true }

entity Post {
  title: String(100)
  check author.active else "authors must be active"
}

relation many_to_one Post.author -> Author.posts
