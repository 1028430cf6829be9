app news {
  pagination none
}

entity Story {
  title: String(200)
  pagination none { max 10 }
}

entity Topic {
  name: String(50)
  pagination { size 5 }
}

entity Source {
  name: String(50)
  pagination cursor { size 10 }
}
