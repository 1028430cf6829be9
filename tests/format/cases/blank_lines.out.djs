entity A {
  a: Int

  b: Int
  c: Int
}

entity B {
  x: Int
}

// between, after two blank lines

// a second paragraph
entity C {
  y: Int
}

enum E {
  one

  two
}
