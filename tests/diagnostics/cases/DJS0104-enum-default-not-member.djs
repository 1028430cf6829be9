enum PostStatus { draft  published  archived }

entity Post {
  title: String(200)
  status: PostStatus = publised
}
