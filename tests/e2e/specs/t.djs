app blog {
  title "Blog API"
  database sqlite
  auth jwt { access 15m  refresh 7d }
  pagination cursor { size 20 }
  roles editor, moderator
  throttle { anon 100/hour user 1000/day }
}

enum PostStatus { draft  published  archived }
enum Prio { low = 1, high = 2 }

/// Someone who writes.
entity Author {
  name: String(120)
  email: Email unique
  bio: Text?
  order: Int = 0 order
  timestamps
}

entity Post was Article {
  title: String(200) search
  body: Text search
  status: PostStatus = draft filter
  published_at: DateTime? filter order
  views: Int = 0 min(0)
  allow read: anyone
  allow create: authenticated
  allow update, delete: owner(author.user) or role(editor)
  unique (title, status)
  index (status)
  check views >= 0 else "no"
  ordering -published_at, title
  cache 60s
}

entity Tag { name: String(50) unique }

relation many_to_one Post.author -> Author.posts { on_delete cascade }
relation one_to_one Author.user -> User.author
relation many_to_many Post.tags -> Tag.posts

event PostPublished { post: Post  at: DateTime }

command publish on Post {
  allow owner(author.user) or role(editor)
  input { at: DateTime? }
  require status == draft else "only drafts can be published"
  set status = published, published_at = input.at ?? now()
  emit PostPublished { post = self, at = published_at }
}

query recent_posts -> Post[] {
  where status == published and not (views in [1, 2])
  order -published_at
  allow anyone
}

channel posts {
  path "/ws/posts/"
  allow authenticated
  broadcast PostPublished, Post.updated
}

entity Account sourced {            // state is the fold of its events
  owner: User
  balance: Decimal(12, 2) = 0
}
event Deposited on Account { amount: Decimal(12, 2) } apply { balance += amount }
