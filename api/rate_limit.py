"""A request budget per client IP address, so that a partner's loop cannot take the site down.

django-ninja's ``SimpleRateThrottle`` keeps each client's recent requests in Django's cache
(locmem in development and tests; a shared cache such as Redis in production, or each worker
process counts on its own). ``GUIDE_API_RATE_LIMIT`` is a number of requests per minute (120
by default), or a rate such as ``"1000/hour"``; ``None`` turns the limit off.

The client is the address ``core.client_ip`` finds, the same as the login lockout's:
``REMOTE_ADDR``, or behind ``NUM_PROXIES`` reverse proxies the address the last trusted proxy
wrote in ``X-Forwarded-For``.
"""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle

from core.client_ip import client_ip

DEFAULT_RATE_LIMIT = 120


def configured_rate():
    limit = getattr(settings, "GUIDE_API_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    if limit is None:
        return None
    return f"{limit}/min" if isinstance(limit, int) else str(limit)


class ClientRateLimit(SimpleRateThrottle):
    scope = "guide_api"
    cache_format = "guide-api-rate_%(scope)s_%(ident)s"

    def __init__(self, rate):
        super().__init__(rate=rate)

    def get_ident(self, request):
        return client_ip(request)

    def get_cache_key(self, request):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    @property
    def limit(self):
        return self.num_requests


def over_limit(request):
    """``None`` when the request is within the client's budget, else the ``ClientRateLimit``
    that refused it (its ``wait()`` is the number of seconds before the next allowed request).
    The setting is read at each request (tests override it)."""
    rate = configured_rate()
    if rate is None:
        return None
    limiter = ClientRateLimit(rate)
    return None if limiter.allow_request(request) else limiter
