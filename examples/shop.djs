// An online shop: a catalogue of products in nested categories, orders with a
// lifecycle (pending → paid → shipped → delivered, or cancelled / refunded),
// order lines joining orders to products, and payments in Decimal money.

app shop {
  title "Shop API"
  database postgres
  auth jwt { access 30m  refresh 14d }
  pagination page { size 50 }
  roles staff, support
  throttle { anon 60/minute  user 600/minute }
}

/// The lifecycle of an order; commands below move it forward.
enum OrderStatus {
  pending
  paid
  shipped
  delivered
  cancelled
  refunded
}

enum PaymentMethod { card  bank_transfer  voucher }

/// Stored as numbers so the order of states survives renames.
enum PaymentStatus {
  authorized = 1
  captured = 2
  failed = 3
  refunded = 4
}

/// A node of the catalogue tree.
entity Category {
  name: String(100) unique search
  slug: Slug unique

  allow read: anyone
  allow create, update, delete: role(staff)
  ordering name
}

/// Something for sale.
entity Product {
  name: String(200) search
  /// Stock-keeping unit: upper-case letters, digits and dashes.
  sku: String(32) unique pattern("^[A-Z0-9-]+$")
  description: Text?
  /// Unit price in the shop's currency.
  price: Decimal(10, 2) min(0) filter order
  stock: Int = 0 min(0) filter
  active: Bool = true filter
  image: Image?
  timestamps

  allow read: anyone
  allow create, update, delete: role(staff)
  check price >= 0 else "a price cannot be negative"
  ordering name
  cache 5m
}

/// A customer's order.
entity Order {
  status: OrderStatus = pending filter
  /// The sum of the order's lines, kept up to date by the shop.
  total: Decimal(12, 2) = 0 min(0) order
  shipping_address: Text
  note: Text?
  tracking_code: String(64)?
  paid_at: DateTime? filter
  shipped_at: DateTime?
  timestamps

  allow read: owner(customer) or role(staff) or role(support)
  allow create: authenticated
  allow update, delete: role(staff)
  check total >= 0 else "an order total cannot be negative"
  ordering -created_at
}

/// One product on an order, at the price it had when ordered.
entity OrderLine {
  quantity: Int = 1 min(1) max(1000)
  unit_price: Decimal(10, 2) min(0)

  allow read: owner(order.customer) or role(staff)
  allow create, update, delete: role(staff)
  unique (order, product)
  check quantity > 0 else "a quantity must be positive"
}

/// Money received for an order.
entity Payment {
  amount: Decimal(12, 2) min(0.01)
  method: PaymentMethod filter
  status: PaymentStatus = captured filter
  /// The payment provider's reference.
  reference: String(100) unique
  timestamps

  allow read: owner(order.customer) or role(staff)
  allow create, update, delete: role(staff)
}

relation many_to_one Category.parent? -> Category.children
relation many_to_many Product.categories -> Category.products
relation many_to_one Order.customer -> User.orders { on_delete protect }
relation many_to_one OrderLine.order -> Order.lines { on_delete cascade }
relation many_to_one OrderLine.product -> Product.order_lines
relation many_to_many Order.products -> Product.orders { through OrderLine }
relation many_to_one Payment.order -> Order.payments { on_delete protect }

/// A new order was opened; recorded against the order itself.
event OrderPlaced on Order { customer: User }
event OrderPaid { order: Order  amount: Decimal(12, 2)  method: PaymentMethod }
event OrderShipped { order: Order  tracking_code: String(64) }
event OrderCancelled { order: Order  reason: String(200) }
event OrderRefunded { order: Order  amount: Decimal(12, 2) }

/// Opens a new, empty order for the signed-in customer.
command place on Order[] {
  allow authenticated
  input {
    shipping_address: Text
    note: Text?
  }
  set customer = auth.user, shipping_address = input.shipping_address, note = input.note
  emit OrderPlaced { customer = auth.user }
}

command pay on Order {
  allow owner(customer)
  input { method: PaymentMethod  amount: Decimal(12, 2) }
  require status == pending else "only pending orders can be paid"
  require count(lines) > 0 else "an empty order cannot be paid"
  require input.amount == total else "the amount must equal the order total"
  set status = paid, paid_at = now()
  emit OrderPaid { order = self, amount = input.amount, method = input.method }
}

command ship on Order {
  allow role(staff)
  input { tracking_code: String(64) }
  require status == paid else "only paid orders can be shipped"
  set status = shipped, shipped_at = now(), tracking_code = input.tracking_code
  emit OrderShipped { order = self, tracking_code = input.tracking_code }
}

command deliver on Order {
  allow role(staff)
  require status == shipped else "only shipped orders can be delivered"
  set status = delivered
}

command cancel on Order {
  allow owner(customer) or role(support)
  input { reason: String(200) }
  require status in [pending, paid] else "shipped orders cannot be cancelled"
  set status = cancelled
  emit OrderCancelled { order = self, reason = input.reason }
}

command refund on Order {
  allow role(staff)
  require status in [paid, shipped, delivered] else "only paid orders can be refunded"
  set status = refunded
  emit OrderRefunded { order = self, amount = total }
}

command restock on Product {
  allow role(staff)
  input { quantity: Int min(1) }
  set stock += input.quantity
}

query my_orders -> Order[] {
  where customer == auth.user
  order -created_at
  allow authenticated
}

query orders_to_ship -> Order[] {
  where status == paid
  order paid_at
  allow role(staff)
}

query affordable_products -> Product[] {
  input { max_price: Decimal(10, 2) }
  where active and stock > 0 and price <= input.max_price
  order price, name
  limit 50
  allow anyone
}
