use "support/cycle-b.djs"

entity Post { title: String(200) }
