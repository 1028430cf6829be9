// A school's course catalogue: students enroll in course sections through an
// Enrollment that carries the grade, teachers are assigned through a
// TeachingAssignment, courses have prerequisites (a many-to-many to themselves)
// and plain tags.

app school {
  title "School API"
  database sqlite
  auth session
  pagination offset { size 50 }
  roles registrar, teacher
  features graphql
}

enum Term { spring  summer  fall  winter }

enum EnrollmentStatus { enrolled  waitlisted  dropped  completed }

enum LetterGrade { a = "A"  b = "B"  c = "C"  d = "D"  f = "F"  incomplete = "I" }

entity Student {
  student_id: String(10) unique pattern("^S[0-9]{9}$")
  first_name: String(60)
  last_name: String(60) search
  email: Email unique
  enrolled_on: Date = today()
  graduation_year: Int? min(1900) max(2200) filter
  gpa: Decimal(3, 2)? min(0) max(4)

  allow create, update, delete: role(registrar)
  ordering last_name, first_name
}

entity Teacher {
  name: String(120) search
  email: Email unique
  office: String(20)?
  office_hours: Time?

  allow create, update, delete: role(registrar)
}

entity Course {
  code: String(12) unique pattern("^[A-Z]{2,4}[0-9]{3}$")
  title: String(200) search
  credits: Decimal(3, 1) = 3 min(0.5) max(12)
  description: Text?
  level: Int = 100 choices(100, 200, 300, 400, 500)

  allow create, update, delete: role(registrar)
  ordering code
}

/// One run of a course in a term.
entity Section {
  year: Int min(2000) max(2200) filter
  term: Term filter
  number: Int = 1 min(1)
  capacity: Int = 30 min(1) max(500)
  room: String(20)?
  meets_at: Time?
  starts_on: Date
  ends_on: Date

  unique (course, year, term, number)
  check ends_on > starts_on else "a section ends after it starts"
  ordering -year, term
}

/// A student taking a section; the grade is filled in at the end of term.
entity Enrollment {
  status: EnrollmentStatus = enrolled filter
  enrolled_at: DateTime = now()
  grade: LetterGrade?
  score: Float? min(0) max(100)

  allow update: role(teacher) or role(registrar)
  unique (student, section)
  check score == null or (score >= 0 and score <= 100) else "a score is between 0 and 100"
}

entity TeachingAssignment {
  role: String(20) = "lead" choices("lead", "assistant", "grader")
  hours_per_week: Int min(1) max(40)

  unique (teacher, section)
}

entity Tag {
  name: String(40) unique
}

relation many_to_one Section.course -> Course.sections { on_delete cascade }
relation many_to_one Enrollment.student -> Student.enrollments { on_delete cascade }
relation many_to_one Enrollment.section -> Section.enrollments { on_delete cascade }
relation many_to_many Student.sections -> Section.students { through Enrollment }
relation many_to_one TeachingAssignment.teacher -> Teacher.assignments { on_delete cascade }
relation many_to_one TeachingAssignment.section -> Section.assignments { on_delete cascade }
relation many_to_many Section.teachers -> Teacher.sections { through TeachingAssignment }
relation many_to_many Course.prerequisites -> Course.required_for
relation many_to_many Course.tags -> Tag.courses
relation one_to_one Teacher.user? -> User.teacher
relation one_to_one Student.user? -> User.student

query open_sections -> Section[] {
  input { year: Int  term: Term }
  where year == input.year and term == input.term
  order course.code
  allow anyone
}
