// Trees and other self-references: a product category tree (names unique among
// siblings), folders written from the parent's side with one_to_many, people who
// follow each other, and people with an optional mentor.

app taxonomy {
  title "Taxonomy API"
  auth none
  cache none
  pagination page
}

/// A node of the catalogue tree; a root has no parent.
entity Category {
  name: String(80) search
  slug: Slug(80)
  position: Int = 0 order
  description: Text?
  visible: Bool = true filter

  unique (parent, name)
  unique (parent, slug)
  ordering position, name
}

/// A folder in a document store.
entity Folder {
  name: String(255)
  color: String(7)? pattern("^#[0-9A-Fa-f]{6}$")
  timestamps

  unique (parent, name)
  ordering name
}

entity Document {
  title: String(200) search
  file: File
  size_bytes: BigInt min(0)
  checksum: String(64) pattern("^[0-9a-f]{64}$")
  uploaded_at: DateTime = now() order
  owner: User

  ordering title
}

entity Person {
  name: String(120) search
  handle: String(30) unique pattern("^[a-z0-9_]+$") length(3, 30)
  bio: Text?
  website: URL?

  ordering handle
}

/// An employee org chart where each position reports to one other.
entity Position {
  title: String(120)
  level: Int = 1 min(1) max(12)

  ordering level, title
}

relation many_to_one Category.parent? -> Category.children { on_delete cascade }
relation one_to_many Folder.subfolders -> Folder.parent
relation many_to_one Document.folder -> Folder.documents { on_delete cascade }
relation many_to_many Person.following -> Person.followers
relation one_to_one Person.mentor? -> Person.mentee
relation many_to_one Position.reports_to? -> Position.direct_reports { on_delete set_null }
relation many_to_one Position.holder? -> Person.positions
