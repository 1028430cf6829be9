"""Surface syntax: the lark parser and its conversion to IR."""
