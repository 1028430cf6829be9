"""Jinja2 templates, one folder per feature."""
