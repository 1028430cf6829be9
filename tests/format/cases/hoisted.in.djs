entity A {
  x: Int = 1 // on the line of a field with modifiers
    unique
  allow read: a or // inside an expression
    b
  c: Int
}
command go on A {
  set x = 1, // between assignments
    c = 2
}
