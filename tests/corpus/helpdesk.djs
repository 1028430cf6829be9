// A helpdesk: customers open tickets, agents are assigned to them, and both sides
// talk in comments (some internal, hidden from the customer).

app helpdesk {
  title "Helpdesk API"
  description "Tickets, queues and conversations"
  auth jwt
  pagination page { size 30 }
  roles agent, supervisor
  cors { origins "https://support.example.com"  credentials true }
  throttle { anon 20/minute  user 120/minute }
}

enum TicketStatus { new  open  pending  on_hold  solved  closed }

/// Numbers so that tickets sort by urgency.
enum Priority {
  low = 1
  normal = 2
  high = 3
  urgent = 4
}

enum Channel { email  web  phone  chat }

/// A team inbox, e.g. "Billing".
entity Queue {
  name: String(80) unique
  email: Email? unique
  /// Time within which a first answer is due.
  sla: Duration = 8h min(15m) max(7d)
  active: Bool = true

  allow create, update, delete: role(supervisor)
  ordering name
}

entity Ticket {
  subject: String(200) search
  description: Text search
  status: TicketStatus = new filter
  priority: Priority = normal filter order
  channel: Channel = web filter
  due_at: DateTime? filter order
  first_response_at: DateTime?
  resolved_at: DateTime?
  /// Customer rating after the ticket is solved, 1 to 5.
  satisfaction: Int? min(1) max(5)
  metadata: JSON?
  timestamps

  allow read: owner(requester) or role(agent)
  allow create: authenticated
  allow update: owner(assignee) or role(supervisor)
  allow delete: role(supervisor)
  index (status, priority)
  check satisfaction == null or (satisfaction >= 1 and satisfaction <= 5) else "satisfaction is between 1 and 5"
  ordering -priority, created_at
}

entity Comment {
  body: Text search
  internal: Bool = false filter
  attachment: File?
  timestamps
  soft_delete

  allow update, delete: owner(author)
  ordering created_at
}

entity Tag {
  name: Slug(40) unique
  color: String(7) = "#cccccc" pattern("^#[0-9a-f]{6}$")
}

relation many_to_one Ticket.requester -> User.requested_tickets { on_delete protect }
relation many_to_one Ticket.assignee? -> User.assigned_tickets
relation many_to_one Ticket.queue -> Queue.tickets { on_delete protect }
relation many_to_many Ticket.tags -> Tag.tickets
relation many_to_one Comment.ticket -> Ticket.comments { on_delete cascade }
relation many_to_one Comment.author -> User.ticket_comments { on_delete protect }

event TicketAssigned on Ticket { assignee: User }
event TicketSolved { ticket: Ticket  at: DateTime }

command assign on Ticket {
  allow role(agent)
  input { assignee: User }
  require status not in [solved, closed] else "closed tickets cannot be reassigned"
  set assignee = input.assignee, status = open
  emit TicketAssigned { assignee = input.assignee }
}

command solve on Ticket {
  allow owner(assignee) or role(supervisor)
  require status in [open, pending, on_hold] else "only open tickets can be solved"
  set status = solved, resolved_at = now()
  emit TicketSolved { ticket = self, at = now() }
}

query my_tickets -> Ticket[] {
  where assignee == auth.user and status in [new, open, pending]
  order -priority, due_at
  allow role(agent)
}

channel tickets {
  path "/ws/tickets/"
  allow role(agent)
  broadcast TicketAssigned, TicketSolved, Ticket.created, Comment.created
}
