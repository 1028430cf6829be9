entity Bin { code: String(12) primary }

command Relabel on Bin {
  input { code: String(12) primary }
  set code = input.code
}
