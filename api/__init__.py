"""The partners' read-only JSON API (``/api/v1/``): published fiches, filtered like the listing.

A small django-ninja API with GET operations only (see docs/api.md for the choice):

- ``api.py``: the ``NinjaAPI`` instance and its French error answers;
- ``endpoints.py``: the operations (index, list and detail of fiches, vocabularies);
- ``schemas.py``: the stable field names, documented in the OpenAPI description;
- ``fiches.py``, ``vocabularies.py``, ``rich_text.py``: what an item says;
- ``paging.py``: ``page`` / ``page_size`` and the ``next`` / ``previous`` links;
- ``http.py``, ``rate_limit.py``: read-only methods, CORS, caching headers and the rate limit,
  applied to every URL of the API by ``urls.py``.
"""
