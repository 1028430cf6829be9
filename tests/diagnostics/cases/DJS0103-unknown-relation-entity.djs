entity Post { title: String(200) }
entity Author { name: String(120) }

relation many_to_one Post.author -> Autor.posts
