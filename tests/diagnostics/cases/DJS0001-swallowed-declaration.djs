entity Author { name: String(120) }

query by_author ->

entity Post { title: String(200) }
