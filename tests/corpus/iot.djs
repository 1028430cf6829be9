// An IoT fleet: sites, devices with their firmware, sensor readings, remote jobs
// sent to devices (with their `input` and `output`), alerts, and an energy meter
// whose balance is the fold of its events.

app fleet {
  title "Fleet API"
  description "Devices, telemetry and remote jobs"
  database postgres
  auth jwt
  pagination offset { size 200  max 1000 }
  roles operator
  throttle { user 10000/hour }
}

enum DeviceType { gateway  sensor  actuator  camera }

enum JobStatus { queued  sent  running  succeeded  failed  timed_out }

/// Alert severities, stored as numbers so they sort.
enum Severity {
  info = 10
  warning = 20
  error = 30
  critical = 40
}

entity Site {
  name: String(120) unique
  latitude: Decimal(9, 6)? min(-90) max(90)
  longitude: Decimal(9, 6)? min(-180) max(180)
  address: Text?
}

entity Firmware {
  version: String(20) unique pattern("^[0-9]+\\.[0-9]+\\.[0-9]+$")
  released_at: DateTime = now() order
  image: File
  checksum: String(64) length(64)
  stable: Bool = false filter

  ordering -released_at
}

entity Device {
  serial: String(40) unique search
  name: String(120)? search
  type: DeviceType filter
  mac_address: String(17)? unique pattern("^([0-9A-F]{2}:){5}[0-9A-F]{2}$")
  external_id: UUID unique
  online: Bool = false filter
  last_seen_at: DateTime? filter order
  heartbeat_interval: Duration = 1m min(5s) max(1h)
  config: JSON?
  installed_on: Date?
  timestamps

  allow create, update, delete: role(operator)
  ordering serial
}

entity Reading {
  id: BigInt
  metric: String(40) index
  value: Float
  recorded_at: DateTime filter order
  quality: Int = 100 min(0) max(100)

  index (device, metric, recorded_at)
  ordering -recorded_at
}

/// A job sent to a device: what it was asked (`input`) and what it answered.
entity Job {
  type: String(40) choices("reboot", "update_firmware", "collect_logs", "run_script")
  input: JSON?
  output: Text?
  status: JobStatus = queued filter
  queued_at: DateTime = now() order
  finished_at: DateTime?
  timeout: Duration = 5m
  attempts: Int = 0 min(0) max(10)

  allow create, update, delete: role(operator)
  check attempts >= 0 else "attempts cannot be negative"
  ordering -queued_at
}

entity Alert audited {
  severity: Severity = warning filter order
  message: String(500)
  raised_at: DateTime = now() filter order
  acknowledged: Bool = false filter
  resolved_at: DateTime?

  ordering -raised_at
}

/// An energy meter; its balance only changes through events.
entity Meter sourced {
  label: String(40) = "main"
  kwh: Decimal(14, 3) = 0
}

relation many_to_one Device.site? -> Site.devices
relation many_to_one Device.firmware? -> Firmware.devices { on_delete set_null }
relation many_to_one Device.gateway? -> Device.children
relation many_to_one Reading.device -> Device.readings { on_delete cascade }
relation many_to_one Job.device -> Device.jobs { on_delete cascade }
relation many_to_one Job.requested_by? -> User.jobs
relation many_to_one Alert.device -> Device.alerts { on_delete cascade }
relation many_to_one Alert.acknowledged_by? -> User { on_delete do_nothing }
relation one_to_one Meter.device -> Device.meter { on_delete cascade }

event MeterRead on Meter { kwh: Decimal(14, 3) } apply { kwh += kwh }
event JobFinished on Job { ok: Bool }

command record on Meter {
  allow role(operator)
  input { kwh: Decimal(14, 3) min(0) }
  emit MeterRead { kwh = input.kwh }
}

command finish on Job {
  allow role(operator)
  input { ok: Bool  output: Text? }
  require status in [sent, running] else "the job is not running"
  set output = input.output, finished_at = now()
  emit JobFinished { ok = input.ok }
}

query critical_alerts -> Alert[] {
  where severity in [error, critical] and not acknowledged
  order -raised_at
  allow role(operator)
}
