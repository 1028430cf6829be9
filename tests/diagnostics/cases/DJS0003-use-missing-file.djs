use "support/comon.djs"

entity Post { title: String(200) }
