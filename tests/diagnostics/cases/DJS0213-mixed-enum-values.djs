enum Priority { low = 1  medium = "m"  high }

entity Task { priority: Priority }
