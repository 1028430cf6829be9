app saas { title "SaaS" }
entity Org { name: String(80) }
entity Membership {
  org: Org
  user: User
  invited_by: User?
}
relation many_to_many Org.members -> User.orgs { through Membership }
