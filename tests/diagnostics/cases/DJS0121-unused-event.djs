entity Post { title: String(200) }

event PostArchived { post: Post }
