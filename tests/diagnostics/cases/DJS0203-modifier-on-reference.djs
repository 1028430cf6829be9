entity Author { name: String(120) }
entity Post { author: Author unique }
