entity Product {
  sku: String(20) pattern("[A-Z+")
}
