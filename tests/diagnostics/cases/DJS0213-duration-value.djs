enum E { a = 5m, b = "x" }
entity N { e: E }
