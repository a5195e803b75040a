"""The search app's receivers: the synonyms and everyday words change what the listing finds."""

from core import page_cache, shared_cache
from search.models import EverydayWords, SynonymGroup

page_cache.shown_on_pages(SynonymGroup, EverydayWords)
# search/query.py's stored_vocabulary is a shared value.
shared_cache.depends_on(SynonymGroup._meta.label, EverydayWords._meta.label)
