// Project management: projects keyed by UUID, milestones and time entries with
// 64-bit ids, tasks with subtasks and blockers, labels and watchers.

app projects {
  title "Projects API"
  version "0.9.0"
  database postgres
  auth jwt { access 15m  refresh 30d }
  pagination cursor { size 50 }
  roles pm
  features metrics, tracing
}

enum TaskStatus { backlog  todo  in_progress  in_review  done  wont_do }

enum TaskPriority {
  lowest = 1
  low = 2
  medium = 3
  high = 4
  highest = 5
}

enum TaskType { story  bug  chore  spike  epic }

entity Project {
  id: UUID
  key: String(6) unique pattern("^[A-Z]{2,6}$")
  name: String(120) search order
  description: Text?
  starts_on: Date?
  due_on: Date? filter order
  budget: Decimal(14, 2)? min(0)
  archived: Bool = false filter
  timestamps

  allow update, delete: owner(lead) or role(pm)
  check due_on == null or starts_on == null or due_on >= starts_on else "a project is due after it starts"
  ordering name
}

entity Milestone {
  id: BigInt
  title: String(200)
  due_on: Date filter order
  done: Bool = false filter

  unique (project, title)
  ordering due_on
}

entity Task {
  id: UUID
  number: Int min(1)
  title: String(250) search
  description: Text? search
  type: TaskType = story filter
  status: TaskStatus = backlog filter order
  priority: TaskPriority = medium filter order
  estimate: Duration? min(0m)
  story_points: Int? choices(1, 2, 3, 5, 8, 13, 21)
  position: Float = 0 order
  due_at: DateTime? filter order
  completed_at: DateTime?
  timestamps
  soft_delete

  unique (project, number)
  index (project, status)
  check story_points == null or story_points > 0 else "story points are positive"
  ordering position
  pagination offset { size 100 }
}

entity TimeEntry {
  id: BigInt
  started_at: DateTime = now() order
  minutes: Int min(1) max(1440)
  note: String(500)?
  billable: Bool = true filter

  allow update, delete: owner(user)
  ordering -started_at
  verbose_name "time entry"
  plural "time entries"
}

entity Label {
  name: String(40)
  color: String(7) = "#888888"
  project: Project

  unique (project, name)
}

entity Attachment {
  id: UUID
  file: File
  title: String(200)?
  uploaded_at: DateTime = now()
}

relation many_to_one Project.lead? -> User.led_projects
relation many_to_one Milestone.project -> Project.milestones { on_delete cascade }
relation many_to_one Task.project -> Project.tasks { on_delete cascade }
relation many_to_one Task.milestone? -> Milestone.tasks
relation many_to_one Task.parent? -> Task.subtasks { on_delete cascade }
relation many_to_many Task.blocked_by -> Task.blocks
relation many_to_one Task.assignee? -> User.assigned_tasks
relation many_to_one Task.reporter -> User.reported_tasks { on_delete protect }
relation many_to_many Task.labels -> Label.tasks
relation many_to_many Task.watchers -> User.watched_tasks
relation many_to_one TimeEntry.task -> Task.time_entries { on_delete cascade }
relation many_to_one TimeEntry.user -> User.time_entries { on_delete cascade }
relation many_to_one Attachment.task -> Task.attachments { on_delete cascade }

event TaskCompleted on Task { by: User }

command complete on Task {
  allow owner(assignee) or role(pm)
  require status != done else "the task is already done"
  set status = done, completed_at = now()
  emit TaskCompleted { by = auth.user }
}

command move on Task {
  allow authenticated
  input { status: TaskStatus  position: Float? }
  set status = input.status, position = input.position ?? position
}

query my_open_tasks -> Task[] {
  where assignee == auth.user and status not in [done, wont_do]
  order -priority, due_at
  allow authenticated
}

channel board {
  path "/ws/board/"
  allow authenticated
  broadcast TaskCompleted, Task.updated
}
