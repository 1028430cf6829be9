entity Lesson {
  class: String(20)
  room: Int
}
