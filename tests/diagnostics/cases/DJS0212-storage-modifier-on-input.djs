entity Post { title: String(200) }

command rename on Post {
  input { title: String(200) unique }
  set title = input.title
}
