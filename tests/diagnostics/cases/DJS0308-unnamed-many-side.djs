entity Author { name: String(120) }
entity Post { title: String(200) }

relation one_to_many Author.posts -> Post
