entity Student { name: String(120) }
entity Course { title: String(200) }
entity Enrollment {
  student: Student
  grade: Int?
}

relation many_to_many Student.courses -> Course.students { through Enrollment }
