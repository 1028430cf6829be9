app herbarium {
  title "Herbarium API"
}

/// A rank in the plant taxonomy (family, genus, species).
entity Taxon {
  name: String(120)
  /// Shown to visitors once curators agree on the name.
  accepted: Bool = true
  native: Bool = false
  unique (parent, name)
}

/// A pressed plant kept in the collection.
entity Specimen {
  code: String(20) unique
  label: String(200)
  photo: Image?
  verified: Bool = true
  soft_delete
  timestamps
  allow read: anyone
  allow create, update, delete: authenticated
}

relation many_to_one Taxon.parent? -> Taxon.children
relation many_to_one Specimen.taxon -> Taxon.specimens { on_delete protect }
