"""``WAGTAILSEARCH_BACKENDS`` path of the French Elasticsearch 7 backend (7.x servers, with the
7.x client installed): the node of ``make elasticsearch`` (Elasticsearch 7.10.2, the client
7.13; README, « Elasticsearch »)."""

from search.elasticsearch_backend import Elasticsearch7SearchBackend as SearchBackend

__all__ = ["SearchBackend"]
