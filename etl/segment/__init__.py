"""Splitting raw dumps into articles and reading their bylines."""

from etl.segment.articles import Segment, split_articles
from etl.segment.byline import Byline, read_byline

__all__ = ["Byline", "Segment", "read_byline", "split_articles"]
