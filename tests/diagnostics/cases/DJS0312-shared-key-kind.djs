entity Membership { joined: Date }
entity Account { name: String(40) }
entity Node { label: String(40) }

relation many_to_one Membership.user -> User { primary }
relation one_to_one Account.owner? -> User { primary on_delete set_null }
relation one_to_one Node.twin -> Node { primary }
