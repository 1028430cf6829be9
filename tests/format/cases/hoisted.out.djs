entity A {
  // on the line of a field with modifiers
  x: Int = 1 unique
  // inside an expression
  allow read: a or b
  c: Int
}

command go on A {
  // between assignments
  set x = 1, c = 2
}
