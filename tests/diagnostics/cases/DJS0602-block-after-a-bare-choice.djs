app shop {
  auth session { access 5m  refresh 1d }
  cache none { ttl 5m }
}

entity Item { name: String(20) }
