entity Author { name: String(120) }

relation one_to_one Author.account -> User.password
