app blog {
  title 'Blog API'
}

entity Post { title: String(200) }
