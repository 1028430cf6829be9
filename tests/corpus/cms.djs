// A blog / CMS: sites with pages in a tree, articles (formerly "posts") with
// slugs, authors, categories and tags, a media library, comments that reply to
// each other, and redirects for moved URLs.

app cms {
  title "CMS API"
  description "Pages, articles, media and comments"
  version "5.1.0"
  database sqlite
  auth jwt { access 15m  refresh 7d }
  cache redis { ttl 10m }
  pagination cursor { size 10  max 50 }
  roles editor, author, moderator
  throttle { anon 300/hour  user 5000/hour }
  features versioning
}

enum ArticleStatus { draft  in_review  scheduled  published  archived }

enum CommentStatus { pending  approved  spam  removed }

enum RedirectCode { permanent = 301  found = 302  temporary = 307 }

entity Site {
  domain: String(253) unique pattern("^([a-z0-9-]+\\.)+[a-z]{2,}$")
  name: String(100)
  tagline: String(200)? = null
  default_language: String(5) = "en" pattern("^[a-z]{2}(-[A-Z]{2})?$")

  allow create, update, delete: role(editor)
}

/// A standalone page; pages nest (About > Team > Board).
entity Page {
  title: String(200) search
  slug: Slug(80) pattern("^[a-z0-9]+(-[a-z0-9]+)*$")
  body: Text search
  template: String(20) = "default" choices("default", "landing", "wide", "legal")
  menu_order: Int = 0 order
  show_in_menu: Bool = true filter
  seo_title: String(60)? length(10, 60)
  seo_description: String(160)? length(50, 160)
  published: Bool = false filter
  timestamps

  allow create, update, delete: role(editor)
  unique (site, slug)
  ordering menu_order, title
}

entity AuthorProfile {
  display_name: String(80) search
  slug: Slug(80) unique
  bio: Text?
  avatar: Image?
  twitter: String(16)? pattern("^@?[A-Za-z0-9_]{1,15}$")

  allow update: owner(user) or role(editor)
  verbose_name "author"
  plural "authors"
}

entity Category {
  name: String(80) unique
  slug: Slug(80) unique
  description: Text?

  allow create, update, delete: role(editor)
  plural "categories"
  ordering name
}

entity Tag {
  name: String(50) unique search
  slug: Slug(50) unique
}

/// A dated piece of writing (the old "post").
entity Article was Post {
  title: String(200) search order
  slug: Slug(200) unique pattern("^[a-z0-9]+(-[a-z0-9]+)*$") length(3, 200)
  excerpt: String(300)? was summary
  body: Text search was content
  status: ArticleStatus = draft filter
  publish_at: DateTime filter order
  reading_time: Duration?
  featured: Bool = false filter
  cover: Image?
  word_count: Int = 0 min(0)
  views: BigInt = 0 min(0) order
  timestamps
  soft_delete

  allow read: status == published or role(editor) or owner(author.user)
  allow create: role(author) or role(editor)
  allow update: owner(author.user) or role(editor)
  allow delete: role(editor)
  index (status, publish_at)
  check views >= 0 else "views cannot be negative"
  ordering -publish_at
  cache 60s
}

entity Media {
  file: File
  title: String(200)?
  alt_text: String(300)
  mime_type: String(100) filter
  width: Int? min(1)
  height: Int? min(1)
  size_bytes: BigInt min(0)
  uploaded_at: DateTime = now() order

  allow update, delete: owner(uploaded_by) or role(editor)
  verbose_name "media item"
  plural "media"
  table "cms_media_library"
}

entity Comment {
  author_name: String(80)
  author_email: Email
  body: Text length(2, 5000)
  status: CommentStatus = pending filter
  ip_address: String(45)?
  timestamps

  allow read: status == approved or role(moderator)
  allow create: anyone
  allow update, delete: role(moderator)
  ordering created_at
}

entity Redirect {
  from_path: String(500) unique pattern("^/")
  to_url: String(500)
  code: RedirectCode = permanent
  hits: Int = 0
  enabled: Bool = true filter
}

relation many_to_one Page.site -> Site.pages { on_delete cascade }
relation many_to_one Page.parent? -> Page.children
relation one_to_one AuthorProfile.user -> User.author_profile { on_delete cascade }
relation many_to_one Article.site -> Site.articles { on_delete cascade }
relation many_to_one Article.author -> AuthorProfile.articles { on_delete protect }
relation many_to_many Article.coauthors -> AuthorProfile.coauthored
relation many_to_one Article.category? -> Category.articles
relation many_to_many Article.tags -> Tag.articles
relation many_to_one Article.hero? -> Media
relation many_to_one Media.uploaded_by? -> User.uploads
relation many_to_one Comment.article -> Article.comments { on_delete cascade }
relation many_to_one Comment.reply_to? -> Comment.replies { on_delete cascade }
relation many_to_one Comment.user? -> User.comments
relation many_to_one Redirect.site -> Site.redirects { on_delete cascade }

event ArticlePublished on Article { at: DateTime }

command publish on Article {
  allow role(editor)
  input { at: DateTime? }
  require status in [draft, in_review, scheduled] else "this article cannot be published"
  set status = published, publish_at = input.at ?? now()
  emit ArticlePublished { at = publish_at }
}

query article_by_slug -> Article {
  input { slug: Slug(200) }
  where slug == input.slug and status == published
  allow anyone
}

query latest -> Article[] {
  where status == published and publish_at <= now()
  order -publish_at
  limit 20
  allow anyone
}

channel articles {
  path "/ws/articles/"
  allow anyone
  broadcast ArticlePublished, Comment.created
}
