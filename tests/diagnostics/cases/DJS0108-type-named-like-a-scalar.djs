enum Date { today, tomorrow }

entity String {
  body: String(200)
}
