"""newsfacts: Korean news articles in, a DuckDB warehouse of company-level facts out."""

__version__ = "0.1.0"
