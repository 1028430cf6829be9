entity Order {
  pk: Int
  objects: JSON
}
