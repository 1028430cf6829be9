app shop {
  cors { origins "*"  credentials true }
}

entity Product {
  name: String(100)
}
