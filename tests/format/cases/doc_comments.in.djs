/// d1
event E { a: Int }
entity X { a: Int /// doc for b
  b: Int
  /// not attached

  c: Int
}
command c on X {
  /// doc on input field
  input { at: Int }
  input {
    /// inner
    bt: Int }
}
entity Y { /// doc y
 y: Int }
