"""The fact layer: companies, metrics, attribution, periods and events of an article, read off its mentions.

    extract_facts(article, mentions) -> ArticleFacts

Depends on the mention layer (`etl.mentions`) and `etl.text`; segmentation may use its company
discovery, but nothing here imports `etl.segment`.
"""

from etl.facts.extract import ArticleFacts, extract_facts

__all__ = ["ArticleFacts", "extract_facts"]
