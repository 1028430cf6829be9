entity Author {
  name: String(120)

entity Post {
  title: String(200)
}
