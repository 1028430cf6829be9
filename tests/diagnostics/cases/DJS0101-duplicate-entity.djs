entity Author { name: String(100) }
entity Author { email: Email }
