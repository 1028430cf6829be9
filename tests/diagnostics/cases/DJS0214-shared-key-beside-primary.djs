entity Profile {
  handle: String(30) primary
  bio: Text
}

relation one_to_one Profile.user -> User { primary }
