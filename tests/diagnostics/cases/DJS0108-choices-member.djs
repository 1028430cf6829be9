enum Grade { low  value  high }

entity Review { grade: Grade }
