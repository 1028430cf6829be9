entity Account {
  balance: Decimal(12, 2) = 0
}

event Deposited on Account { amount: Decimal(12, 2) } apply { balance += amount }
