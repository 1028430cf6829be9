entity Account sourced {
  balance: Decimal(12, 2) = 0
}
