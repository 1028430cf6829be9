app staff { title "Staff" }
entity Employee { name: String(80) }
relation many_to_one Employee.manager -> Employee.reports?
