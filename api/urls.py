"""The URLs of ``/api/v1/`` (mounted outside ``i18n_patterns``: ``lang`` selects the language).

Every URL, ninja's and ours, goes through ``http.public_read_only`` (read-only methods, CORS,
rate limit, caching headers). Any other path under ``/api/v1/`` answers a JSON 404.
"""

from django.urls import URLPattern, path, re_path

from api.api import api
from api.docs import docs_page
from api.http import json_answer, public_read_only

ninja_patterns, _app, namespace = api.urls
app_name = namespace  # ninja reverses "<namespace>:openapi-json" for the docs page


def unknown_address(request, rest=""):
    return json_answer({"detail": "Adresse inconnue dans l'API : voir /api/v1/openapi.json."}, 404)


def read_only(pattern):
    return URLPattern(
        pattern.pattern, public_read_only(pattern.callback), pattern.default_args, pattern.name
    )


urlpatterns = [
    *(read_only(pattern) for pattern in ninja_patterns),
    path("docs/", public_read_only(docs_page), name="docs"),
    # Any character, a newline (« %0A ») too: « . » left such a path to the site's HTML 404.
    re_path(r"^(?P<rest>[\s\S]*)$", public_read_only(unknown_address), name="unknown"),
]
