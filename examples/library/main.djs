// A lending library split over two files: this one `use`s common.djs.
use "common.djs"

app library {
  title "Library API"
  pagination page { size 30 }
  roles librarian
}

entity Author {
  name: String(120) search
  born: Date?

  allow read: anyone
  allow create, update, delete: role(librarian)
  ordering name
}

/// A title the library holds copies of.
entity Book {
  title: String(300) search
  /// ISBN-13, digits only.
  isbn: String(13) unique pattern("^[0-9]{13}$")
  genre: Genre filter
  published_on: Date? order
  copies: Int = 1 min(0)

  allow read: anyone
  allow create, update, delete: role(librarian)
  ordering title
}

/// A book lent to a member.
entity Loan {
  borrowed_at: DateTime
  due_on: Date order
  returned_at: DateTime? filter

  allow read: owner(member.user) or role(librarian)
  allow create, update, delete: role(librarian)
  ordering -borrowed_at
}

relation many_to_many Book.authors -> Author.books
relation many_to_one Loan.book -> Book.loans { on_delete protect }
relation many_to_one Loan.member -> Member.loans { on_delete cascade }

event BookBorrowed on Loan { book: Book  member: Member }
event BookReturned { loan: Loan  late: Bool }

command borrow on Loan[] {
  allow role(librarian)
  input {
    book: Book
    member: Member
    due_on: Date
  }
  require input.member.active else "the member's card is suspended"
  require input.book.copies > 0 else "no copy of this book is available"
  require input.due_on > today() else "the due date must be in the future"
  set book = input.book, member = input.member, due_on = input.due_on, borrowed_at = now()
  emit BookBorrowed { book = input.book, member = input.member }
}

command give_back on Loan {
  allow role(librarian)
  require returned_at == null else "this book was already returned"
  set returned_at = now()
  emit BookReturned { loan = self, late = today() > due_on }
}

query overdue_loans -> Loan[] {
  where returned_at == null and due_on < today()
  order due_on
  allow role(librarian)
}

query my_loans -> Loan[] {
  where member.user == auth.user and returned_at == null
  order due_on
  allow authenticated
}

channel circulation {
  path "/ws/loans/"
  allow role(librarian)
  broadcast BookBorrowed, BookReturned, Loan.updated
}
