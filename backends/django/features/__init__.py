"""One module per emitted feature."""
