// A chat service: rooms, memberships, messages, and WebSocket channels that push
// new messages to connected clients.

app chat {
  title "Chat API"
  auth jwt { access 15m  refresh 30d }
  pagination cursor { size 50 }
  roles admin
}

/// Who may find and join a room.
enum RoomKind { public  private }

enum MemberRank { member  moderator }

/// A place where people talk.
entity Room {
  name: String(80) search
  topic: String(200)?
  kind: RoomKind = public filter
  archived: Bool = false filter
  /// The user who opened the room (a many-to-one relation without an inverse end).
  created_by: User
  timestamps

  allow read: authenticated
  allow create: authenticated
  allow update, delete: owner(created_by) or role(admin)
  ordering name
}

/// A user's seat in a room.
entity Membership {
  rank: MemberRank = member filter
  muted: Bool = false
  joined_at: DateTime
  /// Set when the user leaves; the row is kept for history.
  left_at: DateTime? filter

  allow read: authenticated
  allow update, delete: owner(user) or role(admin)
  unique (room, user)
}

/// Something said in a room.
entity Message {
  body: Text length(1, 4000) search
  edited_at: DateTime?
  timestamps
  soft_delete

  allow read: authenticated
  allow create: authenticated
  allow update, delete: owner(author) or role(admin)
  index (room, created_at)
  ordering created_at
}

relation many_to_one Membership.room -> Room.memberships { on_delete cascade }
relation many_to_one Membership.user -> User.memberships { on_delete cascade }
relation many_to_one Message.room -> Room.messages { on_delete cascade }
relation many_to_one Message.author -> User.messages { on_delete cascade }
relation many_to_one Message.reply_to? -> Message.replies

/// A message was posted; sent on the message itself.
event MessagePosted on Message { room: Room  author: User }
event MessageEdited { message: Message }
event MemberJoined { room: Room  user: User }
event MemberLeft { room: Room  user: User }

command join on Membership[] {
  allow authenticated
  input { room: Room }
  require input.room.kind == public else "private rooms need an invitation"
  require not input.room.archived else "the room is archived"
  set room = input.room, user = auth.user, joined_at = now()
  emit MemberJoined { room = input.room, user = auth.user }
}

command leave on Membership {
  allow owner(user)
  require left_at == null else "you already left this room"
  set left_at = now()
  emit MemberLeft { room = room, user = user }
}

command post on Message[] {
  allow authenticated
  input {
    room: Room
    body: Text length(1, 4000)
    reply_to: Message?
  }
  require not input.room.archived else "the room is archived"
  set room = input.room, author = auth.user, body = input.body, reply_to = input.reply_to
  emit MessagePosted { room = input.room, author = auth.user }
}

command edit on Message {
  allow owner(author)
  input { body: Text length(1, 4000) }
  require now() - created_at <= 15m else "messages can only be edited for 15 minutes"
  set body = input.body, edited_at = now()
  emit MessageEdited { message = self }
}

query room_messages -> Message[] {
  input { room: Room }
  where room == input.room
  order -created_at
  limit 100
  allow authenticated
}

query my_rooms -> Room[] {
  where auth.user in memberships.user and not archived
  order name
  allow authenticated
}

channel rooms {
  path "/ws/rooms/"
  allow authenticated
  broadcast MessagePosted, MessageEdited, Message.created, Message.deleted
}

channel presence {
  path "/ws/presence/"
  allow authenticated
  broadcast MemberJoined, MemberLeft
}
