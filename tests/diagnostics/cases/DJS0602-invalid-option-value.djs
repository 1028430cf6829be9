app shop {
  database mysql
  pagination cursor { size -5 }
  auth jwt { access "15 minutes" }
}
