entity Pallet {
  number: BigInt = 1 primary
}

entity Shelf {
  code: String(8) = "A1" primary
}

entity Crate {
  code: String(12) = sequence("CR-{:05}") primary
}
