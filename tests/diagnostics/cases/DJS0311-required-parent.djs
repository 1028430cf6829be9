app shelf { title "Shelf" }
entity Category { name: String(80) }
relation one_to_many Category.children -> Category.parent
