entity Café {
  name: String(10)
}
