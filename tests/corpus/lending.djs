// A public library's lending desk: books and their authors, physical copies,
// members with library cards, loans with due dates and fines, and holds that may
// have a copy set aside for them.

app lending {
  title "Library Lending API"
  database postgres
  auth session
  pagination page { size 20  max 50 }
  roles librarian
}

enum CopyCondition { new  good  worn  damaged  lost }

enum HoldStatus { waiting  ready  collected  expired  cancelled }

entity Author {
  name: String(150) search order
  born: Int? min(0) max(2100)
  died: Int? min(0) max(2100)
  website: URL?
  biography: Text?

  allow create, update, delete: role(librarian)
  check died == null or born == null or died >= born else "an author dies after being born"
  ordering name
}

entity Publisher {
  name: String(150) unique
  country: String(2)? pattern("^[A-Z]{2}$")
  website: URL(300)?
}

entity Book {
  title: String(300) search order
  subtitle: String(300)?
  /// ISBN-13, digits only.
  isbn: String(13) unique pattern("^97[89][0-9]{10}$")
  published_year: Int? min(1450) max(2100) filter
  pages: Int? min(1)
  language: String(2) = "en" choices("en", "fr", "de", "es", "it", "nl") filter
  summary: Text?
  cover: Image?
  timestamps

  allow create, update, delete: role(librarian)
  ordering title
}

/// A physical copy of a book on the shelves.
entity Copy {
  barcode: String(20) unique
  shelf_mark: String(30) search
  condition: CopyCondition = good filter
  acquired_on: Date = today()
  price: Decimal(8, 2)? min(0)
  available: Bool = true filter

  allow create, update, delete: role(librarian)
  verbose_name "copy"
  plural "copies"
  ordering barcode
}

entity Member {
  card_number: String(16) unique pattern("^[0-9]{8,16}$")
  full_name: String(150) search
  email: Email?
  phone: String(20)?
  joined_on: Date = today()
  expires_on: Date?
  max_loans: Int = 5 min(0) max(20)
  blocked: Bool = false filter
  timestamps

  allow read: owner(user) or role(librarian)
  allow create, update, delete: role(librarian)
  check expires_on == null or expires_on > joined_on else "a card expires after it was issued"
}

entity Loan {
  borrowed_at: DateTime = now() filter order
  due_on: Date filter order
  returned_at: DateTime? filter
  renewals: Int = 0 min(0) max(3)
  fine: Decimal(6, 2) = 0 min(0)

  allow read: owner(member.user) or role(librarian)
  allow create, update, delete: role(librarian)
  check renewals >= 0 and renewals <= 3 else "a loan is renewed at most three times"
  index (member, returned_at)
  ordering -borrowed_at
}

/// A member waiting for a book; when a copy comes back it is set aside for them.
entity Hold {
  placed_at: DateTime = now() order
  status: HoldStatus = waiting filter
  notified_at: DateTime?
  pickup_by: Date?

  allow read: owner(member.user) or role(librarian)
  unique (book, member)
  ordering placed_at
}

relation many_to_many Book.authors -> Author.books
relation many_to_one Book.publisher? -> Publisher.books
relation many_to_one Copy.book -> Book.copies { on_delete cascade }
relation one_to_one Member.user? -> User.library_card
relation many_to_one Loan.copy -> Copy.loans { on_delete protect }
relation many_to_one Loan.member -> Member.loans { on_delete protect }
relation many_to_one Loan.issued_by? -> User
relation many_to_one Hold.book -> Book.holds { on_delete cascade }
relation many_to_one Hold.member -> Member.holds { on_delete cascade }
relation one_to_one Hold.copy? -> Copy.reserved_for

event LoanClosed on Loan { late: Bool  fine: Decimal(6, 2) }

command return_copy on Loan {
  allow role(librarian)
  require returned_at == null else "this loan is already closed"
  set returned_at = now()
  emit LoanClosed { late = due_on < today(), fine = fine }
}

command renew on Loan {
  allow owner(member.user) or role(librarian)
  input { until: Date }
  require returned_at == null else "a returned loan cannot be renewed"
  require renewals < 3 else "a loan can be renewed three times at most"
  require input.until > due_on else "the new due date must be later"
  set renewals += 1, due_on = input.until
}

query overdue_loans -> Loan[] {
  where returned_at == null and due_on < today()
  order due_on
  allow role(librarian)
}

query book_by_isbn -> Book {
  input { isbn: String(13) }
  where isbn == input.isbn
  allow anyone
}
