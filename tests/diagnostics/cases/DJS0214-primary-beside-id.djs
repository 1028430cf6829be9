entity Location {
  id: UUID
  location_id: BigInt primary
}
