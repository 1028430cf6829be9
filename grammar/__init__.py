"""The .djs grammar, shipped as package data."""
