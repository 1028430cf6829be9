// Warehouse inventory: items identified by SKU, warehouses divided into bins,
// stock levels per item and bin (never negative, reservations never above what is
// on hand) and an append-only log of stock movements.

app inventory {
  title "Inventory API"
  version "1.0.0"
  database sqlite
  auth jwt { access 10m  refresh 1d }
  cache locmem { ttl 2m }
  pagination cursor { size 50  max 500 }
  roles clerk, supervisor
  throttle { anon 30/minute  user 2000/hour }
}

enum UnitOfMeasure { each  box  pallet  kg  litre }

/// Stored as short codes that the ERP export understands.
enum MovementType {
  receipt = "RCV"
  shipment = "SHP"
  transfer = "TRF"
  adjustment = "ADJ"
}

entity Warehouse {
  code: String(8) unique pattern("^[A-Z0-9]+$") length(2, 8)
  name: String(120) search
  address: Text?
  time_zone: String(64) = "UTC"
  active: Bool = true filter
  opened_on: Date?

  allow read: authenticated
  allow create, update, delete: role(supervisor)
  ordering code
}

/// A storage location inside a warehouse, e.g. aisle B, shelf 3.
entity Bin {
  label: String(20) search
  aisle: String(4)
  shelf: Int min(1) max(99)
  capacity: Int = 100 min(0)
  unique (warehouse, label)
  index (warehouse, aisle)
  ordering label
}

/// Something we stock.
entity Item {
  sku: String(32) unique pattern("^[A-Z0-9-]+$") search
  name: String(200) search
  description: Text?
  unit: UnitOfMeasure = each filter
  weight_kg: Float? min(0)
  unit_cost: Decimal(12, 4) = 0 min(0)
  reorder_point: Int = 0 min(0)
  /// EAN-8 / EAN-13 / GTIN-14.
  barcode: String(14)? unique length(8, 14) pattern("^[0-9]+$")
  attributes: JSON?
  datasheet: File?
  discontinued: Bool = false filter
  timestamps

  allow read: anyone
  allow create, update, delete: role(supervisor)
  ordering sku
  cache 5m
}

/// How many of an item sit in one bin.
entity StockLevel {
  quantity: Int = 0 min(0) order
  reserved: Int = 0 min(0)
  counted_at: DateTime?
  timestamps

  unique (item, bin)
  check quantity >= 0 else "stock cannot go below zero"
  check reserved >= 0 and reserved <= quantity else "cannot reserve more than is on hand"
}

/// One movement of stock, never edited afterwards.
entity Movement {
  type: MovementType filter
  quantity: Int min(1)
  reference: String(40)? search
  moved_at: DateTime = now() filter order
  note: Text?
  recorded_by: User

  allow update, delete: role(supervisor)
  ordering -moved_at
  table "inventory_stock_movement"
  plural "stock movements"
  verbose_name "stock movement"
}

relation many_to_one Bin.warehouse -> Warehouse.bins { on_delete cascade }
relation many_to_one StockLevel.item -> Item.stock_levels { on_delete cascade }
relation many_to_one StockLevel.bin -> Bin.stock_levels { on_delete restrict }
relation many_to_one Movement.item -> Item.movements { on_delete protect }
relation many_to_one Movement.from_bin? -> Bin.outgoing
relation many_to_one Movement.to_bin? -> Bin.incoming

command receive on StockLevel {
  allow role(clerk) or role(supervisor)
  input { quantity: Int min(1) }
  set quantity += input.quantity, counted_at = now()
}

command reserve on StockLevel {
  allow authenticated
  input { quantity: Int min(1) }
  require quantity - reserved >= input.quantity else "not enough free stock"
  set reserved += input.quantity
}

query low_stock -> StockLevel[] {
  input { threshold: Int = 5 }
  where quantity <= input.threshold and not item.discontinued
  order quantity
  limit 100
  allow role(supervisor)
}
