// Conference scheduling: conferences with a date range, rooms at the venue, talks
// in time slots (a talk ends after it starts), speakers, tracks, attendee
// registrations with ticket types, and check-ins.

app conference {
  title "Conference API"
  description "Schedules, speakers and registrations"
  database postgres
  auth jwt { access 20m  refresh 3d }
  pagination page { size 100  max 500 }
  roles organizer, volunteer
  cors { origins "https://conf.example.org", "https://app.conf.example.org" }
}

enum Level { beginner  intermediate  advanced }

enum TalkFormat { keynote  talk  lightning  workshop  panel }

enum TicketType { regular  student  speaker  sponsor  volunteer }

entity Conference {
  name: String(150) search
  slug: Slug unique
  starts_on: Date filter order
  ends_on: Date
  venue: String(200)
  city: String(100) filter
  website: URL?
  capacity: Int min(1)
  published: Bool = false filter
  /// Daily opening time of the doors.
  doors_open: Time = "08:30"

  allow create, update, delete: role(organizer)
  check ends_on >= starts_on else "a conference ends on or after its first day"
  ordering -starts_on
}

entity Room {
  name: String(80)
  capacity: Int min(1) max(10000)
  floor: Int = 0 min(-5) max(100)
  accessible: Bool = true

  unique (conference, name)
  ordering name
}

entity Track {
  name: String(80)
  color: String(7) = "#336699" pattern("^#[0-9a-fA-F]{6}$")

  unique (conference, name)
}

entity Speaker {
  name: String(120) search
  bio: Text?
  company: String(120)?
  photo: Image?
  homepage: URL?
  mastodon: String(100)? pattern("^@[A-Za-z0-9_]+@[A-Za-z0-9.-]+$")

  ordering name
}

entity Talk {
  title: String(200) search
  abstract: Text search
  talk_format: TalkFormat = talk filter
  level: Level = intermediate filter
  starts_at: DateTime? filter order
  ends_at: DateTime?
  duration: Duration = 30m min(5m) max(8h)
  language: String(5) = "en"
  slides: File?
  recording: URL?
  accepted: Bool = false filter

  allow update: owner(submitted_by) or role(organizer)
  allow delete: role(organizer)
  check starts_at == null or ends_at == null or ends_at > starts_at else "a talk ends after it starts"
  index (room, starts_at)
  ordering starts_at
}

entity Registration {
  ticket: TicketType = regular filter
  price_paid: Decimal(8, 2) = 0 min(0)
  registered_at: DateTime = now() order
  checked_in_at: DateTime?
  dietary_notes: String(200)?
  badge_name: String(40)

  allow read: owner(attendee) or role(organizer) or role(volunteer)
  allow update, delete: role(organizer)
  unique (conference, attendee)
  ordering registered_at
}

entity Feedback {
  rating: Int min(1) max(5)
  comment: Text?
  submitted_at: DateTime = now()

  unique (talk, author)
  check rating >= 1 and rating <= 5 else "a rating is from one to five"
}

relation many_to_one Room.conference -> Conference.rooms { on_delete cascade }
relation many_to_one Track.conference -> Conference.tracks { on_delete cascade }
relation many_to_one Talk.conference -> Conference.talks { on_delete cascade }
relation many_to_one Talk.room? -> Room.talks
relation many_to_one Talk.track? -> Track.talks
relation many_to_one Talk.submitted_by -> User.submitted_talks { on_delete protect }
relation many_to_many Talk.speakers -> Speaker.talks
relation one_to_one Speaker.user? -> User.speaker_profile
relation many_to_one Registration.conference -> Conference.registrations { on_delete protect }
relation many_to_one Registration.attendee -> User.registrations { on_delete cascade }
relation many_to_one Feedback.talk -> Talk.feedback { on_delete cascade }
relation many_to_one Feedback.author -> User { on_delete cascade }

command check_in on Registration {
  allow role(volunteer) or role(organizer)
  require checked_in_at == null else "already checked in"
  set checked_in_at = now()
}

query schedule -> Talk[] {
  input { conference: Slug }
  where conference.slug == input.conference and accepted
  order starts_at
  allow anyone
}

channel schedule_updates {
  path "/ws/schedule/"
  allow anyone
  broadcast Talk.updated, Talk.created, Talk.deleted
}
