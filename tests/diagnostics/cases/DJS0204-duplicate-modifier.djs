entity Product {
  sku: String(20) unique filter unique
}
