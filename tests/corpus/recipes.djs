// A recipe site: recipes list their ingredients in order with amounts and units
// (a through entity), carry tags and a difficulty, and users rate, save and plan
// meals with them.

app recipes {
  title "Recipes API"
  description "Recipes, ingredients, ratings and meal plans"
  auth session
  pagination page { size 12  max 48 }
  roles editor
}

enum Difficulty { easy  medium  hard }

enum Unit { g  kg  ml  l  tsp  tbsp  cup  piece  pinch  to_taste }

enum Meal { breakfast  lunch  dinner  snack }

enum Diet { omnivore  vegetarian  vegan  pescatarian }

entity Ingredient {
  name: String(100) unique search
  plural_name: String(100)?
  calories_per_100g: Decimal(6, 1)? min(0)
  allergen: Bool = false filter

  allow create, update, delete: role(editor)
  ordering name
}

entity Recipe {
  title: String(200) search order
  slug: Slug(200) unique
  summary: String(500)?
  instructions: Text
  servings: Int = 4 min(1) max(100)
  prep_time: Duration = 15m min(0m)
  cook_time: Duration?
  difficulty: Difficulty = easy filter
  diet: Diet = omnivore filter
  source_url: URL?
  photo: Image?
  average_rating: Float? min(0) max(5) order
  published: Bool = false filter
  published_on: Date?
  timestamps

  allow update, delete: owner(author) or role(editor)
  ordering -created_at
}

/// One line of a recipe's ingredient list, e.g. "200 g flour, sifted".
entity RecipeIngredient {
  amount: Decimal(8, 2)? min(0)
  unit: Unit = piece
  note: String(100)?
  order: Int = 0 order
  optional: Bool = false

  unique (recipe, ingredient)
  ordering order
}

entity Tag {
  name: String(40) unique
  slug: Slug(40) unique
}

entity Rating {
  stars: Int min(1) max(5)
  comment: Text?
  timestamps

  allow update, delete: owner(user)
  unique (recipe, user)
  check stars >= 1 and stars <= 5 else "one to five stars"
}

entity MealPlanEntry {
  day: Date = today() filter order
  meal: Meal filter
  servings: Int = 2 min(1)

  allow read, update, delete: owner(owner)
  unique (owner, day, meal)
  ordering day
  verbose_name "meal plan entry"
  plural "meal plan"
}

relation many_to_one Recipe.author -> User.recipes { on_delete cascade }
relation many_to_one RecipeIngredient.recipe -> Recipe.ingredient_lines { on_delete cascade }
relation many_to_one RecipeIngredient.ingredient -> Ingredient.used_in { on_delete protect }
relation many_to_many Recipe.ingredients -> Ingredient.recipes { through RecipeIngredient }
relation many_to_many Recipe.tags -> Tag.recipes
relation many_to_many Recipe.saved_by -> User.saved_recipes
relation many_to_one Rating.recipe -> Recipe.ratings { on_delete cascade }
relation many_to_one Rating.user -> User.recipe_ratings { on_delete cascade }
relation many_to_one MealPlanEntry.owner -> User.meal_plan { on_delete cascade }
relation many_to_one MealPlanEntry.recipe -> Recipe.planned { on_delete cascade }

query quick_recipes -> Recipe[] {
  input { max_minutes: Duration = 30m }
  where published and prep_time <= input.max_minutes
  order title
  limit 24
  allow anyone
}
