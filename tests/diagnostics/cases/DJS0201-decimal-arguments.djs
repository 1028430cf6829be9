entity Product {
  price: Decimal(10)
  weight: Decimal(3, 5)
  name: String(0)
}
