app shop {
  cache none
}

entity Product {
  name: String(100)
  cache 60s
}

entity Category { name: String(50) }
