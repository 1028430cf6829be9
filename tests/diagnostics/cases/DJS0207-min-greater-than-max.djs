entity Product {
  stock: Int min(10) max(5)
  code: String(8) length(5, 3)
}
