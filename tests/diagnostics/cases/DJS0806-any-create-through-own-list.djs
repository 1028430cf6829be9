// A new organization has no memberships yet: its create rule cannot look for one.
app Tenants { auth jwt }

entity Organization {
  name: String(80)
  allow create: any(memberships, user == auth.user)
}

entity Membership {
  user: User
  allow update, delete: user == auth.user
}

relation many_to_one Membership.organization -> Organization.memberships
