entity Account sourcd {
  balance: Decimal(12, 2) = 0
}
