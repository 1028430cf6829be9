entity Customer {
  name: varchar(100)
  age: Integer
  vip: Boolean
  joined: Timestamp
  tags: list
}
