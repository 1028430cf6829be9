app shop {
  cors { origins "https://shop.example/", "admin.shop.example", "*" }
  throttle { anon 0/minute  user 1000/day }
}

entity Product {
  name: String(100)
}
