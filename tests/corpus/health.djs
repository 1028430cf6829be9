// Personal health tracking: measurements over time (weight, blood pressure,
// glucose...), medications with reminder times, workouts, sleep and a daily log.
// Everything belongs to the signed-in user.

app health {
  title "Health Tracker API"
  description "Measurements, medication, workouts and sleep"
  version "2.1.0"
  auth jwt { access 1h  refresh 30d }
  pagination offset
}

enum MeasurementKind {
  weight
  blood_pressure
  heart_rate
  glucose
  temperature
  oxygen_saturation
}

/// Self-reported mood, stored as a number for charts.
enum Mood {
  awful = 1
  bad = 2
  okay = 3
  good = 4
  great = 5
}

enum Sex { female  male  other  undisclosed }

enum WorkoutKind { run  ride  swim  walk  strength  yoga  other }

/// One profile per user.
entity Profile {
  birth_date: Date? min("1900-01-01")
  sex: Sex = undisclosed
  height_cm: Float? min(30) max(272)
  target_weight_kg: Decimal(5, 1)? min(20) max(400)
  daily_step_goal: Int = 8000 min(0) max(100000)
  units_metric: Bool = true
  avatar: Image?

  allow read, update, delete: owner(user)
}

/// A single reading. Blood pressure uses systolic/diastolic, everything else `value`.
entity Measurement {
  kind: MeasurementKind filter
  value: Float? min(0) max(100000)
  unit: String(16) choices("kg", "lb", "mmHg", "bpm", "mg/dL", "mmol/L", "C", "F", "%")
  systolic: Int? min(40) max(300)
  diastolic: Int? min(20) max(200)
  taken_at: DateTime = now() filter order
  note: Text?

  allow read, update, delete: owner(owner)
  check value != null or (systolic != null and diastolic != null) else "give a value or a blood pressure pair"
  check systolic == null or diastolic == null or systolic > diastolic else "systolic must exceed diastolic"
  index (owner, kind, taken_at)
  ordering -taken_at
}

entity Medication {
  name: String(120) search
  dose_mg: Decimal(7, 2) min(0)
  times_per_day: Int = 1 min(1) max(24)
  /// When to remind the user of the first dose of the day.
  reminder_time: Time? = "08:00"
  started_on: Date = today() filter
  ends_on: Date? filter
  active: Bool = true filter

  allow read, update, delete: owner(owner)
  check ends_on == null or ends_on >= started_on else "a medication ends after it starts"
  ordering name
}

entity Workout {
  kind: WorkoutKind = run filter
  started_at: DateTime filter order
  duration: Duration = 30m min(1m) max(1d)
  distance_km: Decimal(6, 2)? min(0)
  calories: Int? min(0) max(20000)
  average_heart_rate: Int? min(30) max(250)
  perceived_effort: Int? choices(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
  route: JSON?

  allow read, update, delete: owner(owner)
  ordering -started_at
}

entity SleepLog {
  night_of: Date filter order
  bedtime: Time
  wake_time: Time
  quality: Mood = okay
  interruptions: Int = 0 min(0)

  allow read, update, delete: owner(owner)
  unique (owner, night_of)
  ordering -night_of
}

/// The day's notes and mood; `data` holds whatever the mobile app syncs.
entity DailyLog {
  day: Date = today() filter order
  mood: Mood = okay filter
  steps: Int = 0 min(0)
  water_ml: Int = 0 min(0) max(20000)
  data: JSON?
  note: Text?
  timestamps

  allow read, update, delete: owner(owner)
  unique (owner, day)
  ordering -day
}

/// Rewards for streaks, shown on a public leaderboard.
entity Points {
  amount: Int min(1)
  reason: String(100)
  earned_at: DateTime = now() order

  allow read: anyone
  plural "points"
  verbose_name "points"
}

relation one_to_one Profile.user -> User.health_profile { on_delete cascade }
relation many_to_one Measurement.owner -> User.measurements { on_delete cascade }
relation many_to_one Medication.owner -> User.medications { on_delete cascade }
relation many_to_one Workout.owner -> User.workouts { on_delete cascade }
relation many_to_one SleepLog.owner -> User.sleep_logs { on_delete cascade }
relation many_to_one DailyLog.owner -> User.daily_logs { on_delete cascade }
relation many_to_one Points.owner -> User.points { on_delete cascade }

query my_recent_measurements -> Measurement[] {
  input { kind: MeasurementKind?  since: DateTime? }
  where owner == auth.user and taken_at >= (input.since ?? now() - 30d)
  order -taken_at
  limit 500
  allow authenticated
}
