// A small CRM after a round of renames: what used to be `Client` is now
// `Customer`, `Lead` became `Prospect`, and several fields got clearer names.
// The `was` markers keep existing databases' data through the migration.

app crm {
  title "CRM API"
  version "2.0.0"
  auth session
  pagination page { size 25 }
  roles sales, sales_manager
}

enum Stage { new  qualified  proposal  negotiation  won  lost }

enum Industry { software  retail  finance  health  education  manufacturing  other }

/// A company we sell to (formerly `Client`).
entity Customer was Client {
  name: String(200) search order was company_name
  website: URL? was homepage
  industry: Industry = other filter
  employees: Int? min(1) was headcount
  annual_revenue: Decimal(16, 2)? min(0)
  vat_number: String(20)? unique
  notes: Text? was comments
  timestamps

  allow update, delete: owner(account_manager) or role(sales_manager)
  ordering name
}

entity Contact {
  first_name: String(80)
  last_name: String(80) search
  email: Email? search was email_address
  phone: String(30)?
  position: String(80)? was job_title
  primary: Bool = false

  allow update, delete: role(sales) or role(sales_manager)
  index (last_name, first_name)
  ordering last_name
}

/// Someone who might become a customer (formerly `Lead`).
entity Prospect was Lead {
  company: String(200) search
  contact_name: String(120)?
  contact_email: Email?
  source: String(40) = "web" choices("web", "referral", "event", "cold_call", "partner")
  score: Int = 0 min(0) max(100) order was rating
  converted: Bool = false filter
  first_contact_on: Date = now()
  timestamps

  ordering -score
}

entity Deal was Opportunity {
  title: String(200) search
  stage: Stage = new filter
  value: Decimal(14, 2) = 0 min(0) order was amount
  probability: Int = 10 min(0) max(100)
  expected_close: Date? filter order was close_date
  closed_at: DateTime?
  timestamps
  soft_delete

  allow update, delete: owner(owner) or role(sales_manager)
  check probability >= 0 and probability <= 100 else "a probability is a percentage"
  index (stage, expected_close)
  ordering expected_close
}

/* Calls, e-mails and meetings. An activity belongs to a deal, a contact, or
   both; the sales team's calendar is built from `due_at`. */
entity Activity {
  kind: String(20) = "call" choices("call", "email", "meeting", "task")
  subject: String(200)
  due_at: DateTime? filter order
  done: Bool = false filter
  duration: Duration?

  ordering due_at
}

relation many_to_one Customer.account_manager? -> User.customers
relation many_to_one Contact.customer -> Customer.contacts { on_delete cascade }
relation many_to_one Deal.customer -> Customer.deals { on_delete protect }
relation many_to_one Deal.owner -> User.deals { on_delete protect }
relation many_to_many Deal.contacts -> Contact.deals
relation many_to_one Prospect.converted_to? -> Customer.origins
relation many_to_one Activity.deal? -> Deal.activities { on_delete cascade }
relation many_to_one Activity.contact? -> Contact.activities { on_delete cascade }
relation many_to_one Activity.assigned_to -> User.activities { on_delete cascade }
