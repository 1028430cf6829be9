// A multi-author blog: authors write posts, readers comment, editors publish.
// Check it with `djsc check examples/blog.djs`.

app blog {
  title "Blog API"
  database sqlite
  auth jwt { access 15m  refresh 7d }
  pagination cursor { size 20 }
  roles editor, moderator
  throttle { anon 100/hour  user 1000/day }
}

/// Where a post is in its editorial life.
enum PostStatus {
  draft
  review
  published
  archived
}

/// Whether readers can see a comment.
enum CommentState { visible  hidden }

/// Someone who writes posts; linked one-to-one to a login.
entity Author {
  /// Shown in bylines.
  name: String(120) search
  email: Email unique
  bio: Text?
  website: URL?
  timestamps

  allow read: anyone
  allow create: authenticated
  allow update, delete: owner(user) or role(editor)
  ordering name
}

// Renamed from `Article` (`was`): the table and its rows are kept.
/// An article.
entity Post was Article {
  title: String(200) search
  /// The last part of the post's address, unique across the blog.
  slug: Slug unique
  // Was called `excerpt`: `was` keeps the column's data.
  /// A short teaser for listings.
  summary: Text? was excerpt
  body: Text search
  /// Only `published` posts are visible to everyone.
  status: PostStatus = draft filter
  published_at: DateTime? filter order
  views: Int = 0 min(0)
  reading_minutes: Int? min(1) max(240)
  timestamps
  soft_delete

  allow read: status == published or owner(author.user) or role(editor)
  allow create: authenticated
  allow update, delete: owner(author.user) or role(editor)
  index (status, published_at)
  check views >= 0 else "views cannot be negative"
  ordering -published_at, title
  cache 60s
  // Drafts have no `published_at`, and a cursor cannot page over nulls: numbered pages.
  pagination page { size 20 }
}

/// A label for grouping posts.
entity Tag {
  name: String(50) unique search
  slug: Slug(50) unique

  allow read: anyone
  allow create, update, delete: role(editor)
  ordering name
}

/// A reader's comment; a reply points at the comment it answers.
entity Comment {
  body: Text length(1, 5000)
  state: CommentState = visible filter
  timestamps

  allow read: state == visible or role(moderator)
  allow create: authenticated
  allow update, delete: owner(author) or role(moderator)
  ordering created_at
}

relation one_to_one Author.user -> User.author_profile
relation many_to_one Post.author -> Author.posts { on_delete cascade }
relation many_to_many Post.tags -> Tag.posts
relation many_to_one Comment.post -> Post.comments { on_delete cascade }
relation many_to_one Comment.author -> User.comments { on_delete cascade }
/* Self relation: replies form a tree.  The end is optional, so deleting a
   comment keeps its replies (on_delete defaults to set_null). */
relation many_to_one Comment.parent? -> Comment.replies

event PostPublished { post: Post  at: DateTime }
event CommentHidden { comment: Comment  reason: String(200) }

command submit on Post {
  allow owner(author.user)
  require status == draft else "only drafts can be submitted for review"
  set status = review
}

command publish on Post {
  allow role(editor)
  input { at: DateTime? }
  require status in [draft, review] else "only drafts and posts in review can be published"
  set status = published, published_at = input.at ?? now()
  emit PostPublished { post = self, at = published_at }
}

command archive on Post {
  allow owner(author.user) or role(editor)
  require status == published else "only published posts can be archived"
  set status = archived
}

command hide on Comment {
  allow role(moderator)
  input { reason: String(200) }
  require state == visible else "the comment is already hidden"
  set state = hidden
  emit CommentHidden { comment = self, reason = input.reason }
}

query recent_posts -> Post[] {
  where status == published
  order -published_at
  limit 20
  allow anyone
}

query post_by_slug -> Post {
  input { slug: Slug }
  where slug == input.slug and status == published
  allow anyone
}

query my_drafts -> Post[] {
  where author.user == auth.user and status in [draft, review]
  order -updated_at
  allow authenticated
}

query posts_tagged -> Post[] {
  input { tag: Slug(50) }
  where status == published and input.tag in tags.slug
  order -published_at
  allow anyone
}

channel posts {
  path "/ws/posts/"
  allow authenticated
  broadcast PostPublished, Post.updated, Comment.created
}

channel moderation {
  path "/ws/moderation/"
  allow role(moderator)
  broadcast CommentHidden, Comment.deleted
}
