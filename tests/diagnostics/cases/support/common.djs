entity Tag { name: String(50) }
