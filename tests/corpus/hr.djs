// Human resources: departments, employees (each with an optional manager who is
// another employee), salary history in Decimal money, and leave requests that a
// manager approves or rejects.

app hr {
  title "HR API"
  description "Employees, departments, salaries and leave"
  version "0.3.0"
  database postgres
  auth session
  pagination offset { size 25  max 200 }
  roles hr_admin, manager
}

enum EmploymentType { full_time  part_time  contractor  intern }

enum LeaveKind { vacation  sick  parental  unpaid }

enum LeaveStatus { requested  approved  rejected  cancelled }

/// An organisational unit, e.g. "Engineering".
entity Department {
  name: String(100) unique search
  /// Short code used on payslips, e.g. "ENG".
  code: String(10) unique pattern("^[A-Z]{2,10}$")
  cost_center: Int? unique
  budget: Decimal(14, 2)? min(0)
  timestamps

  allow read: authenticated
  allow create, update, delete: role(hr_admin)
  ordering name
}

/// Someone employed by the company.
entity Employee {
  employee_number: String(12) unique pattern("^E[0-9]{5,11}$")
  first_name: String(60) search
  last_name: String(60) search order
  email: Email unique
  phone: String(30)?
  birth_date: Date? min("1900-01-01")
  hire_date: Date = today() filter order
  termination_date: Date?
  employment_type: EmploymentType = full_time filter
  job_title: String(120) search index
  /// Yearly gross salary.
  salary: Decimal(10, 2) min(0) order
  weekly_hours: Decimal(4, 1) = 40 min(0) max(80)
  is_active: Bool = true filter
  photo: Image?
  timestamps
  soft_delete

  allow read: authenticated
  allow create, delete: role(hr_admin)
  allow update: role(hr_admin) or owner(user)
  check termination_date == null or termination_date >= hire_date else "an employee cannot leave before being hired"
  check salary >= 0 else "a salary cannot be negative"
  index (last_name, first_name)
  ordering last_name, first_name
}

/// A change of an employee's salary, kept for history.
entity SalaryChange {
  effective_on: Date filter order
  amount: Decimal(10, 2) min(0)
  reason: String(200)?
  timestamps

  allow read: role(hr_admin) or owner(employee.user)
  allow create, update, delete: role(hr_admin)
  unique (employee, effective_on)
  ordering -effective_on
}

/// Time off asked for by an employee.
entity LeaveRequest {
  kind: LeaveKind filter
  status: LeaveStatus = requested filter
  starts_on: Date filter order
  ends_on: Date
  half_day: Bool = false
  note: Text?
  decided_at: DateTime?
  timestamps

  allow read: owner(employee.user) or role(manager) or role(hr_admin)
  allow create: authenticated
  allow update, delete: role(hr_admin)
  check ends_on >= starts_on else "a leave ends on or after its first day"
  ordering -starts_on
}

relation many_to_one Employee.department -> Department.employees { on_delete protect }
relation many_to_one Employee.manager? -> Employee.reports
relation one_to_one Employee.user? -> User.employee
relation many_to_one Department.head? -> Employee.headed_departments
relation many_to_one SalaryChange.employee -> Employee.salary_history { on_delete cascade }
relation many_to_one SalaryChange.approved_by? -> User
relation many_to_one LeaveRequest.employee -> Employee.leave_requests { on_delete cascade }
relation many_to_one LeaveRequest.reviewer? -> User { on_delete set_null }

command approve on LeaveRequest {
  allow role(manager) or role(hr_admin)
  require status == requested else "only pending requests can be approved"
  set status = approved, reviewer = auth.user, decided_at = now()
}

command reject on LeaveRequest {
  allow role(manager) or role(hr_admin)
  require status == requested else "only pending requests can be rejected"
  set status = rejected, reviewer = auth.user, decided_at = now()
}

query active_employees -> Employee[] {
  where is_active and termination_date == null
  order last_name, first_name
  allow authenticated
}
