// Roles within a tenant: `any(list, rule)` over memberships, compiled to subqueries.
app Saas {
  auth jwt
  roles support
}

enum MemberRole { viewer  editor  admin }

entity Organization {
  name: String(80)
  allow read: any(memberships, user == auth.user)
  allow create: authenticated
  allow update, delete: any(memberships, user == auth.user and role == admin)
}

entity Membership {
  user: User
  role: MemberRole = viewer
  allow read: user == auth.user or any(organization.memberships, user == auth.user and role == admin)
  allow create, update, delete: any(organization.memberships, user == auth.user and role == admin)
}

relation many_to_one Membership.organization -> Organization.memberships

entity Project {
  name: String(80)
  archived: Bool = false
  allow read: any(organization.memberships, user == auth.user) or role(support)
  allow create: any(organization.memberships, user == auth.user and role in [editor, admin])
  allow update: any(organization.memberships, user == auth.user and role in [editor, admin]) and not archived
  allow delete: any(organization.memberships, user == auth.user and role == admin)
}

relation many_to_one Project.organization -> Organization.projects
