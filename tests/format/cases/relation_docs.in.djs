entity Author { name: String }
entity Post { title: String }
entity Tag { name: String }

/// Authorship: the doc of both ends unless an end has its own.
relation many_to_one
    /// Who wrote the post.
    /// Answers for it, too.
    Post.author ->
    /// What the author wrote.
    Author.posts { on_delete cascade }

relation many_to_many
  /// Labels of the post.
  Post.tags   // a note on the end: moves above the relation
  -> Tag.posts {
    was labels  // why
  }
relation many_to_one Post.editor? -> Author.edited
relation one_to_many
  /* not a doc */ /// Posts that answer this one.
  Post.answers -> Post.answer_to
