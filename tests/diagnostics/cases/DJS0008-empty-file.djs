// Nothing declared yet.
