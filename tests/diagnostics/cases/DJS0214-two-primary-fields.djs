entity Warehouse {
  code: String(12) primary
  number: BigInt primary
  name: String(80)
}
