entity Reading {
  taken_at: DateTime primary
  value: Float
}
