use "../DJS0009-use-cycle.djs"

entity Author { name: String(120) }
