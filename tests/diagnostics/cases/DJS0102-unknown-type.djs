entity Author {
  name: Strng(120)
  bio: Text?
}
