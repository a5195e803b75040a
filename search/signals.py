"""The search app's receivers: the synonyms change what the listing finds."""

from core import page_cache
from search.models import SynonymGroup

page_cache.shown_on_pages(SynonymGroup)
