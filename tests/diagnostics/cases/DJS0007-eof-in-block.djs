entity Author {
  name: String(120)

  pagination offset {
    size 50
  }
