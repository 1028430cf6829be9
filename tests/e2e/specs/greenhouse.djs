// A greenhouse's sensors and their readings: the spec of the observability tests
// (health, request ids, JSON logs, metrics, tracing) and of bench/bench_observe.py.

app greenhouse {
  title "Greenhouse API"
  database postgres
  auth session
  cache redis
  features metrics, tracing
}

enum Kind { temperature  humidity  light }

entity Sensor {
  name: String(80) unique search
  kind: Kind filter
  allow read: true
}

entity Reading {
  sensor: Sensor
  value: Decimal(8, 2)
  taken_at: DateTime order
  allow read: true
}
