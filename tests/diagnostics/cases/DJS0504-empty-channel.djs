channel lobby {
  path "/ws/lobby/"
  allow authenticated
}
