app shop {
  title "Shop"
  databse postgres
}
