entity P {
  a: Int = (1 + 2) * 3
  b: Int = 1 + 2 * 3
  allow read: anyone
  allow update: not x == 1 or y in [1, 2, 3] and z not in [4]
  check a - (b - c) >= -1 else "a \"quoted\" message"
  c: String = "x" ?? "y" ?? "z"
  d: String = ("x" ?? "y") ?? "z"
}

query q -> P {
  where a.b.c == f(g(1), 2 + 3) % 4
}
