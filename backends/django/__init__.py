"""The Django + DRF backend."""
