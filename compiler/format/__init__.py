"""The canonical formatter for .djs specs."""
