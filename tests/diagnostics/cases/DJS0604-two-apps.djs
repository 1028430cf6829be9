app shop { title "Shop" }
app store { title "Store" }
