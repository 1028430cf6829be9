// A Prisma schema pasted into a spec
model User {
  id    Int    @id
  email String @unique
}
