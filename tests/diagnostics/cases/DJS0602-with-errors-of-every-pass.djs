// One run reports every independent mistake: the option typo is not held back by
// the duplicate entity or the unknown type, and the unknown name in the guard is one
// error, not a second one for the member it is compared with.
app shop {
  pagination cursr { size 20 }
}

enum Status { open  closed }

entity Customer { name: String(100) }

entity Order {
  status: Status = open
  total: Integer
}

entity Order { note: Text }

relation many_to_one Order.customer -> Custmer.orders

command close on Order {
  require sttus == open
  set status = closed
}
