// An online store: products with variants (size / colour), customers' addresses,
// carts, orders whose lines join orders to variants, coupons and reviews.

app store {
  title "Store API"
  description "Catalogue, carts and orders"
  version "3.0.0"
  database postgres
  auth jwt { access 15m  refresh 7d }
  pagination page { size 24  max 96 }
  roles staff
  cors { origins "https://shop.example.com"  credentials true }
  throttle { anon 120/minute  user 1200/minute }
  features celery
}

enum OrderStatus { cart  placed  paid  fulfilled  shipped  delivered  cancelled  returned }

enum Currency { eur = "EUR"  usd = "USD"  gbp = "GBP" }

enum Size { xs  s  m  l  xl  xxl }

entity Brand {
  name: String(100) unique search
  slug: Slug unique
  logo: Image?
  website: URL?
}

entity Product {
  name: String(200) search order
  slug: Slug(120) unique
  description: Text search
  base_price: Decimal(10, 2) min(0) filter order
  currency: Currency = eur filter
  active: Bool = true filter
  featured: Bool = false filter
  weight_grams: Int? min(0)
  specs: JSON?
  released_on: Date? filter
  timestamps
  soft_delete

  allow create, update, delete: role(staff)
  check base_price >= 0 else "a price cannot be negative"
  index (active, featured)
  ordering name
  cache 2m
}

/// A sellable version of a product, e.g. the red T-shirt in size M.
entity Variant {
  sku: String(40) unique pattern("^[A-Z0-9][A-Z0-9-]*$")
  size: Size?
  color: String(30)?
  price: Decimal(10, 2) min(0) order
  stock: Int = 0 min(0) filter
  image: Image?

  allow create, update, delete: role(staff)
  unique (product, size, color)
  check stock >= 0 else "stock cannot be negative"
  ordering sku
}

entity Address {
  label: String(40) = "home"
  recipient: String(120)
  line1: String(200)
  line2: String(200)?
  city: String(100)
  postal_code: String(16)
  country: String(2) pattern("^[A-Z]{2}$")
  is_default: Bool = false

  allow read, update, delete: owner(customer)
  verbose_name "address"
  plural "addresses"
}

entity Order {
  number: String(20) unique
  status: OrderStatus = cart filter
  currency: Currency = eur
  subtotal: Decimal(12, 2) = 0 min(0)
  shipping: Decimal(10, 2) = 0 min(0)
  discount: Decimal(10, 2) = 0 min(0)
  total: Decimal(12, 2) = 0 min(0) order
  placed_at: DateTime? filter order
  note: Text?
  timestamps

  allow read: owner(customer) or role(staff)
  allow update, delete: role(staff)
  check total >= 0 else "a total cannot be negative"
  check discount <= subtotal else "a discount cannot exceed the subtotal"
  ordering -created_at
}

/// One variant on an order, at the price it had then.
entity OrderLine {
  quantity: Int = 1 min(1) max(999)
  unit_price: Decimal(10, 2) min(0)
  position: Int = 0

  allow read: owner(order.customer) or role(staff)
  unique (order, variant)
  check quantity > 0 else "a quantity is at least one"
  ordering position
}

entity Coupon {
  code: String(20) unique pattern("^[A-Z0-9]+$") length(4, 20)
  percent_off: Int? min(1) max(100)
  amount_off: Decimal(8, 2)? min(0)
  valid_from: DateTime
  valid_until: DateTime?
  max_uses: Int? min(1)
  times_used: Int = 0 min(0)

  allow create, update, delete: role(staff)
  check valid_until == null or valid_until > valid_from else "a coupon must end after it starts"
  check percent_off != null or amount_off != null else "a coupon takes a percentage or an amount off"
}

entity Review {
  rating: Int min(1) max(5) filter
  title: String(120)?
  body: Text?
  verified_purchase: Bool = false
  timestamps

  allow update, delete: owner(author)
  unique (product, author)
  check rating >= 1 and rating <= 5 else "a rating is between 1 and 5"
  ordering -created_at
}

relation many_to_one Product.brand? -> Brand.products
relation many_to_one Variant.product -> Product.variants { on_delete cascade }
relation many_to_one Address.customer -> User.addresses { on_delete cascade }
relation many_to_one Order.customer -> User.orders { on_delete protect }
relation many_to_one Order.shipping_address? -> Address
relation many_to_one Order.coupon? -> Coupon.orders
relation many_to_one OrderLine.order -> Order.lines { on_delete cascade }
relation many_to_one OrderLine.variant -> Variant.order_lines { on_delete protect }
relation many_to_many Order.variants -> Variant.orders { through OrderLine }
relation many_to_one Review.product -> Product.reviews { on_delete cascade }
relation many_to_one Review.author -> User.reviews { on_delete cascade }
relation many_to_many Product.related -> Product

event OrderPlaced on Order { total: Decimal(12, 2) }

command place on Order {
  allow owner(customer)
  require status == cart else "this order was already placed"
  require count(lines) > 0 else "an empty cart cannot be ordered"
  set status = placed, placed_at = now()
  emit OrderPlaced { total = total }
}

query featured_products -> Product[] {
  where active and featured
  order name
  limit 12
  allow anyone
}
