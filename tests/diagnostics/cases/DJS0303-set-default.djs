entity Shelf { label: String(40) }
entity Box { code: String(12) }

relation many_to_one Box.shelf? -> Shelf { on_delete set_default }
