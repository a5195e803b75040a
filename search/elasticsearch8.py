"""``WAGTAILSEARCH_BACKENDS`` path of the French Elasticsearch 8 backend (8.x clusters, with the
8.x client installed)."""

from search.elasticsearch_backend import Elasticsearch8SearchBackend as SearchBackend

__all__ = ["SearchBackend"]
