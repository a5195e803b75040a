"""``WAGTAILSEARCH_BACKENDS`` path of the French Elasticsearch 9 backend."""

from search.elasticsearch_backend import Elasticsearch9SearchBackend as SearchBackend

__all__ = ["SearchBackend"]
