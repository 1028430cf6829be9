app league { title "League" }
entity Team {
  name: String(40)
  lead: Person
}
entity Person { name: String(80) }
relation many_to_one Person.team -> Team.members
