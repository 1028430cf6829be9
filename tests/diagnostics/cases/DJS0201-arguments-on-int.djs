entity Product { stock: Int(10) }
