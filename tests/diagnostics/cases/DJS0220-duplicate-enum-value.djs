enum Size { small = 1, medium = 2, large = 2.0 }
enum State { open, closed = "open" }

entity Parcel {
  size: Size
  state: State
}
