"""Reading input files into records; nothing here raises on bad input."""

from etl.ingest.readers import discover, read_file, read_inputs

__all__ = ["discover", "read_file", "read_inputs"]
