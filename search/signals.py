"""The search app's receivers: the synonyms and everyday words change what the listing finds."""

from core import page_cache
from search.models import EverydayWords, SynonymGroup

page_cache.shown_on_pages(SynonymGroup, EverydayWords)
