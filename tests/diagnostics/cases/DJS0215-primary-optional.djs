entity Bin {
  code: String(12)? primary
}
