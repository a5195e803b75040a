"""What every feed and calendar response carries, whatever its format.

- ``Access-Control-Allow-Origin: *``: the data is public, a partner's page may read it.
- A strong ``ETag`` (a hash of the body) and conditional GET: a reader polling an unchanged
  feed gets ``304 Not Modified``. ``If-Modified-Since`` is honoured only where the response has
  a ``Last-Modified`` (the Atom feeds), as Django's ``ConditionalGetMiddleware`` would.
- Only GET and HEAD.
"""

import hashlib

from django.http import HttpResponseNotAllowed
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe, quote_etag

SAFE_METHODS = ("GET", "HEAD")


def method_not_allowed(request):
    """A 405 response for anything but GET and HEAD, else ``None``."""
    if request.method in SAFE_METHODS:
        return None
    return HttpResponseNotAllowed(SAFE_METHODS)


def finish(request, response):
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
    response["ETag"] = etag
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    response = get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
