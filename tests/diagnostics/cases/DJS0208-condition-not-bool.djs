entity Post {
  title: String(100)
  views: Int = 0
}

command bump on Post {
  require views else "no views yet"
  set views += 1
}
