"""Code-generation backends and their registry."""
