entity Post { title: String(200) }

/* TODO: comments
entity Comment { body: Text }
