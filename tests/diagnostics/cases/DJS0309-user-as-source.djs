entity Profile { bio: Text }

relation one_to_one User.profile -> Profile.user
