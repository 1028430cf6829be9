// Three of these ten declarations are broken; each is reported once, and the
// seven good ones are still read.
entity Author { name: String(120) }
entity Post { title String(200) }
entity Tag { name: String(50) unique }
enum Status { draft published }
relation many_to_one Post.author Author.posts
entity Comment { body: Text }
command publish on Post { allow: authenticated }
entity Like { at: DateTime }
query recent -> Post[] { order -title }
entity Topic { name: String(10) }
