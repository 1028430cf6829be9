entity Product {
  id: String(36)
  name: String(100)
}
