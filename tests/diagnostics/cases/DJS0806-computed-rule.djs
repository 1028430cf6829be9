// Arithmetic has no place in a permission: it would not be enforced as written.
entity Offer {
  price: Int
  allow update, delete: price * 2 > 10
}
