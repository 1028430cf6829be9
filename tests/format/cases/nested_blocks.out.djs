app a {
  auth jwt { access 15m  refresh 7d }
  cache redis {
    default { ttl 60s }
  }
  pagination offset {}
}

event Ev { x: Int } apply {}
event Ev2 {}

command c on X[] {
  emit Ev {
    x = 1,  // why one
    y = 2,
  }
  emit Ev
}

relation one_to_many X.items -> Y.owner {
  on_delete cascade  // because
}
