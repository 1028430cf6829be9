entity Post { title: String(200) }
entity Tag { name: String(50) }

relation many_to_many Post.tags? -> Tag.posts
