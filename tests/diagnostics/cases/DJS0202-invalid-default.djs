entity Product {
  stock: Int = "ten"
  active: Bool = yes
  code: String(3) = "ABCD"
  launched: Date = "2024-13-01"
}
