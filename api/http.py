"""What every URL of the API does before and after its view (``urls.py`` wraps each one):

- **Read only.** ``OPTIONS`` answers a CORS preflight; any method other than ``GET``, ``HEAD``
  and ``OPTIONS`` is refused with 405 before the view runs, whatever the URL.
- **CORS.** ``Access-Control-Allow-Origin: *`` on the answers to ``GET`` / ``HEAD`` / ``OPTIONS``
  (the data is public and no cookie is used), never on a refused method.
- **Rate limit** (``rate_limit.py``): 429 with ``Retry-After`` and a French message.
- **Caching.** A successful answer is ``Cache-Control: public, max-age=300`` with a strong
  ``ETag`` (a hash of the body, Django's ``set_response_etag``); ``If-None-Match`` gets
  ``304 Not Modified`` (Django's ``get_conditional_response``).
- ``HEAD`` runs the ``GET`` view and sends its headers without the body.
"""

import math
from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)

from api.rate_limit import over_limit

READ_METHODS = ("GET", "HEAD")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_REQUEST_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Retry-After"
PREFLIGHT_MAX_AGE = 24 * 60 * 60
CACHE_SECONDS = 300


def json_answer(data, status):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def allow_any_origin(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def preflight():
    """The answer to ``OPTIONS``: which methods and request headers a browser may use."""
    response = allow_any_origin(HttpResponse(status=200))
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = ALLOWED_REQUEST_HEADERS
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response


def method_refused(request):
    response = json_answer(
        {
            "detail": (
                f"Méthode {request.method} non autorisée : l'API est en lecture seule "
                f"({ALLOWED_METHODS})."
            )
        },
        405,
    )
    response["Allow"] = ALLOWED_METHODS
    return response


PERIODS = {1: "par seconde", 60: "par minute", 3600: "par heure", 86400: "par jour"}


def too_many_requests(limiter):
    wait = max(1, math.ceil(limiter.wait() or limiter.duration))
    period = PERIODS.get(limiter.duration, f"en {limiter.duration} secondes")
    response = json_answer(
        {
            "detail": (
                f"Trop de requêtes : au plus {limiter.limit} {period} et par adresse IP. "
                f"Réessayez dans {wait} seconde{'s' if wait > 1 else ''}."
            )
        },
        429,
    )
    response["Retry-After"] = str(wait)
    add_never_cache_headers(response)
    return response


def cacheable(request, response):
    """Caching headers and conditional GET for a successful answer."""
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    set_response_etag(response)
    if response.has_header("ETag"):
        return get_conditional_response(request, etag=response["ETag"], response=response)
    return response


def as_get(view, request, *args, **kwargs):
    """Run the view as ``GET`` for a ``HEAD`` request, then drop the body."""
    if request.method != "HEAD":
        return view(request, *args, **kwargs)
    request.method = "GET"
    try:
        response = view(request, *args, **kwargs)
    finally:
        request.method = "HEAD"
    return response


def without_body(response):
    if not response.streaming:
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response


def public_read_only(view):
    """Wrap one of the API's views (see the module's docstring)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return preflight()
        if request.method not in READ_METHODS:
            return method_refused(request)
        limiter = over_limit(request)
        if limiter is not None:
            return allow_any_origin(too_many_requests(limiter))
        response = as_get(view, request, *args, **kwargs)
        if response.status_code == 200:
            response = cacheable(request, response)
        if request.method == "HEAD":
            response = without_body(response)
        return allow_any_origin(response)

    # Nothing here reads cookies or changes anything: a POST never reaches the view.
    wrapped.csrf_exempt = True
    return wrapped
