app clinic {
  title "Clinic API"
  roles doctor, nurse
}

enum RecordStatus { draft  published  archived }

/// A patient, linked one-to-one to a login.
entity Patient {
  name: String(120)
  allow read: owner(user) or role(doctor) or role(nurse)
  allow create: authenticated
  allow update: owner(user) or role(doctor)
  allow delete: role(doctor)
}

/// A doctor's note about a patient.
entity Record {
  title: String(200)
  body: Text
  status: RecordStatus = draft filter
  urgent: Bool = false
  allow read: status == published or owner(author.user) or role(doctor)
  allow create: owner(patient.user) or role(doctor)
  allow update: (owner(patient.user) and status != archived) or role(doctor)
  allow delete: nobody
}

/// A care team; members may see it.
entity Team {
  name: String(80)
  lead: User
  allow read: owner(members) or role(doctor)
  allow create: role(doctor)
  allow update: owner(lead)
  allow delete: owner(lead) or role(doctor)
}

relation one_to_one Patient.user -> User.patient
relation many_to_one Record.patient -> Patient.records { on_delete cascade }
relation many_to_one Record.author -> Patient.authored { on_delete cascade }
relation many_to_many Team.members -> User.teams
