// A bank whose accounts are event-sourced: an account's state is never written
// directly; it is the fold of the events recorded against it.

app bank {
  title "Bank API"
  database postgres
  auth jwt { access 5m  refresh 1d }
  pagination offset { size 25 }
  roles teller, auditor
  throttle { user 600/hour }
}

enum AccountKind { checking  savings }

/// A customer's account.  `sourced`: every change is an event below, and the
/// `apply` block of each event says how it changes the account.
entity Account sourced {
  /// The account number (IBAN format).
  number: String(34) unique pattern("^[A-Z]{2}[0-9A-Z]{10,32}$")
  kind: AccountKind = checking filter
  /// ISO 4217 code.
  currency: String(3) = "EUR" length(3)
  /// The current balance, the sum of deposits minus withdrawals.
  balance: Decimal(14, 2) = 0
  closed: Bool = false filter
  timestamps

  allow read: owner(owner) or role(teller) or role(auditor)
  allow create, update, delete: role(teller)
  check balance >= 0 else "an account cannot be overdrawn"
  ordering number
}

relation many_to_one Account.owner -> User.accounts { on_delete protect }

/// The account was opened for its owner.
event Opened on Account {
  owner: User
  number: String(34)
  kind: AccountKind
} apply {
  owner = owner
  number = number
  kind = kind
  balance = 0
}

/// Money came in.
event Deposited on Account {
  amount: Decimal(14, 2)
  reference: String(100)?
} apply { balance += amount }

/// Money went out.
event Withdrawn on Account { amount: Decimal(14, 2) } apply { balance -= amount }

event Closed on Account { reason: String(200) } apply { closed = true }

command open on Account[] {
  allow role(teller)
  input {
    owner: User
    number: String(34)
    kind: AccountKind = checking
  }
  emit Opened { owner = input.owner, number = input.number, kind = input.kind }
}

command deposit on Account {
  allow owner(owner) or role(teller)
  input {
    amount: Decimal(14, 2)
    reference: String(100)?
  }
  require not closed else "the account is closed"
  require input.amount > 0 else "the amount must be positive"
  emit Deposited { amount = input.amount, reference = input.reference }
}

command withdraw on Account {
  allow owner(owner)
  input { amount: Decimal(14, 2) }
  require not closed else "the account is closed"
  require input.amount > 0 else "the amount must be positive"
  require balance >= input.amount else "insufficient funds"
  emit Withdrawn { amount = input.amount }
}

command close on Account {
  allow role(teller)
  input { reason: String(200) }
  require not closed else "the account is already closed"
  require balance == 0 else "only an empty account can be closed"
  emit Closed { reason = input.reason }
}

query my_accounts -> Account[] {
  where owner == auth.user and not closed
  order number
  allow authenticated
}

query large_balances -> Account[] {
  input { threshold: Decimal(14, 2) }
  where balance >= input.threshold
  order -balance
  limit 100
  allow role(auditor)
}

channel ledger {
  path "/ws/ledger/"
  allow role(teller) or role(auditor)
  broadcast Opened, Deposited, Withdrawn, Closed
}
