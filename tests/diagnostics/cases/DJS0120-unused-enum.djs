enum Color { red  green  blue }
enum Size { small  large }

entity Shirt { size: Size }
