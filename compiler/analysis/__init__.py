"""Side tables that passes fill and later passes and backends read."""

from djsc.analysis.symbols import Analysis

__all__ = ["Analysis"]
