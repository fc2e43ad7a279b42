"""Per-article analysis: pure functions of one article and its settings, chained as stages."""
from chronicle.extract.pipeline import Pipeline, Settings, analyze_article, analyze_articles

__all__ = ["Pipeline", "Settings", "analyze_article", "analyze_articles"]
