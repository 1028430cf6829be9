// A create rule is decided on the row about to be created: it has no members yet.
entity Room {
  name: String(80)
  allow create: owner(members)
  allow update, delete: owner(members)
}
relation many_to_many Room.members -> User.rooms
