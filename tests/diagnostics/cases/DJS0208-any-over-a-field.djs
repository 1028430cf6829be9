// `any` takes a list of rows and a condition over one of them.
app Tenants { auth jwt }

entity Organization {
  name: String(80)
  allow read: any(name, true)
  allow update: any(memberships, user)
}

entity Membership {
  user: User
  allow update, delete: user == auth.user
}

relation many_to_one Membership.organization -> Organization.memberships
