app big {
  roles administrator, editor, moderator, reviewer, contributor, subscriber, guest, auditor_role
  throttle {
    anon 100/hour
    user 1000/day
    burst 60/minute
    sustained 10000/day
    admin 100000/day
    extra 5/second
  }
}

enum Country {
  argentina
  belgium
  canada
  denmark
  estonia
  finland
  germany
  hungary
  iceland
  japan
}

enum Short { a  b }

event Big on Thing {
  first_field: String(100)
  second_field: Decimal(12, 2)
  third_field: DateTime
  fourth_field: Int
}

command bulk on Thing {
  set
    first_field = input.first_field,
    second_field = second_field + 1,
    third_field = now(),
    count += 1
  emit Big { first_field = first_field, second_field = second_field, third_field = third_field }
}
