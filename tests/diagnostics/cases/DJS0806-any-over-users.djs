// `any` reads rows of an entity of the spec; users have no fields a rule could test.
app Rooms { auth jwt }

entity Room {
  name: String(80)
  allow update: any(members, true)
}

relation many_to_many Room.members -> User.rooms
