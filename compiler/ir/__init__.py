"""The immutable intermediate representation that checks, lowerings and backends share."""

from djsc.ir.nodes import *  # noqa: F403
