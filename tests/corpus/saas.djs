// A multi-tenant SaaS backend: organizations (tenants) on a plan, users join
// them through memberships (who invited whom is kept), invitations by e-mail,
// per-organization settings, API keys and projects scoped to an organization.

app saas {
  title "Workspace API"
  description "Tenants, members, invitations and API keys"
  version "1.4.2"
  database postgres
  auth jwt { access 5m  refresh 14d }
  pagination cursor { size 25  max 100 }
  roles platform_admin
  features metrics
}

enum Plan { free  starter  pro  enterprise }

enum MemberRole { owner  admin  member  billing  guest }

enum InvitationStatus { pending  accepted  declined  expired  revoked }

/// A tenant: a company or a team that pays for the product.
entity Organization {
  name: String(120) search
  slug: Slug(60) unique pattern("^[a-z0-9]+(-[a-z0-9]+)*$")
  plan: Plan = free filter
  seats: Int = 5 min(1) max(10000)
  billing_email: Email?
  trial_ends_on: Date?
  suspended: Bool = false filter
  timestamps
  soft_delete

  // Roles within the tenant: a membership's role, not a platform-wide group.
  allow read: any(memberships, user == auth.user) or role(platform_admin)
  allow create: authenticated
  allow update: any(memberships, user == auth.user and role in [owner, admin]) or role(platform_admin)
  allow delete: any(memberships, user == auth.user and role == owner) or role(platform_admin)
  ordering name
}

/// A user's place in an organization.
entity Membership {
  role: MemberRole = member filter
  joined_at: DateTime = now() order
  last_active_at: DateTime?
  title: String(80)?

  allow read: user == auth.user or any(organization.memberships, user == auth.user and role in [owner, admin])
  allow update, delete: any(organization.memberships, user == auth.user and role == owner) or role(platform_admin)
  unique (organization, user)
  index (user, role)
  ordering joined_at
}

entity Invitation {
  email: Email filter
  role: MemberRole = member
  token: UUID unique
  status: InvitationStatus = pending filter
  expires_at: DateTime
  message: Text? length(0, 1000)
  timestamps

  allow read, update, delete: owner(invited_by)
  unique (organization, email)
  ordering -created_at
}

/// One row per organization.
entity Settings {
  locale: String(10) = "en" choices("en", "de", "fr", "es", "ja")
  time_zone: String(64) = "UTC"
  sso_enabled: Bool = false
  sso_metadata_url: URL?
  webhook_url: URL?
  data: JSON?
  retention: Duration = 90d min(1d) max(3650d)

  allow update, delete: role(platform_admin)
  verbose_name "settings"
  plural "settings"
  table "tenant_settings"
}

entity ApiKey {
  name: String(80)
  prefix: String(8) unique pattern("^[a-z0-9]{8}$")
  hashed_secret: String(128)
  last_used_at: DateTime?
  expires_at: DateTime? filter
  revoked: Bool = false filter
  timestamps

  allow read, update, delete: owner(created_by)
  verbose_name "API key"
}

entity Project {
  name: String(120) search
  key: String(10) pattern("^[A-Z][A-Z0-9]{1,9}$")
  archived: Bool = false filter
  timestamps

  allow read: any(organization.memberships, user == auth.user)
  allow create, update: any(organization.memberships, user == auth.user and role in [owner, admin, member])
  allow delete: any(organization.memberships, user == auth.user and role in [owner, admin]) and archived
  unique (organization, key)
  ordering name
}

relation many_to_one Membership.organization -> Organization.memberships { on_delete cascade }
relation many_to_one Membership.user -> User.memberships { on_delete cascade }
relation many_to_one Membership.invited_by? -> User.sent_memberships

relation many_to_many Organization.members -> User.organizations {
  through Membership { links organization, user }
}

relation many_to_one Invitation.organization -> Organization.invitations { on_delete cascade }
relation many_to_one Invitation.invited_by -> User.invitations_sent { on_delete cascade }
relation one_to_one Settings.organization -> Organization.configuration { on_delete cascade }
relation many_to_one ApiKey.organization -> Organization.api_keys { on_delete cascade }
relation many_to_one ApiKey.created_by? -> User
relation many_to_one Project.organization -> Organization.projects { on_delete cascade }

command accept on Invitation {
  allow authenticated
  require status == pending else "this invitation is no longer open"
  require expires_at > now() else "this invitation has expired"
  set status = accepted
}

query my_organizations -> Organization[] {
  where auth.user in memberships.user
  order name
  allow authenticated
}
