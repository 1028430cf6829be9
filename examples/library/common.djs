// Declarations shared by the library spec; `main.djs` pulls them in with `use`.

/// What a book is about.
enum Genre {
  fiction
  nonfiction
  poetry
  reference
}

/// A library patron with a card.
entity Member {
  /// Printed on the card.
  card_number: String(12) unique pattern("^[0-9]{12}$")
  name: String(120) search
  joined_on: Date
  active: Bool = true filter

  allow read: owner(user) or role(librarian)
  allow create, update, delete: role(librarian)
}

relation one_to_one Member.user -> User.membership
