// file header comment

// second header paragraph
app shop {
  title "Shop"  // the title
  auth jwt { access 15m  refresh 7d }
  /* block
     comment */
  features a, b, c
}

/// Status of an order.
/// Two lines.
enum Status {
  draft
  published
  archived  // last one
}

enum Big {
  alpha_member
  beta_member
  gamma_member
  delta_member
  epsilon_member
  zeta_member
  eta_member
  theta
}

entity Order {  // header comment
  /// The total.
  total: Decimal(12, 2) = 0 min(0)

  note: Text?  // trailing
  // leading of allow
  allow read: anyone or role(admin) and not x
  /* inside */
  allow update: owner(customer)
  // dangling at end
}

relation many_to_one Order.customer? -> User {
  /* why */
  on_delete cascade
}

event Paid on Order {
  amount: Decimal(12, 2)  /* t */
} apply { total += amount, total = total }

command pay on Order {
  allow authenticated
  set total = total + 1, note = "a\"b", total -= 2 * (3 + 4), total = total - (1 - 2), total = -(-1)
  emit Paid { amount = total }
  require total > 0
}

query q -> Order[] {
  input { min: Decimal }
  where total >= input.min
  limit 5
}

channel c {
  path "/ws/c/"
  broadcast Paid, Order.updated
}

entity E {}
// end of file
