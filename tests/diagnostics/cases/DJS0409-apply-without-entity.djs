entity Account sourced {
  balance: Decimal(12, 2) = 0
}

event Deposited { amount: Decimal(12, 2) } apply { balance += amount }
event Withdrawn on Account { amount: Decimal(12, 2) } apply { balance -= amount }
