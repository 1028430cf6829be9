app shop {
  throttle { anon 100/week }
}

entity Product {
  name: String(100)
}
