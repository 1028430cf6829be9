"""Diagnostics: the code registry, the model, rendering."""
