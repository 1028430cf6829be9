entity Author { name: String(120) }
entity Post { title: String(200) }

relation many_to_one Post.author Author.posts
