entity Product {
  stock: Int search
  name: String(100) min(3)
}
