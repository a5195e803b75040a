"""The client's IP address, one rule for every count kept per client: the API's and the alert
form's rate limits (``api/rate_limit.py``) and the login lockout (django-axes calls this
function: ``AXES_CLIENT_IP_CALLABLE``, ``core/login_lockout.py``).

``NUM_PROXIES`` is the number of reverse proxies in front of Django (the environment variable of
the same name; nginx alone: 1). Each of them appends the address it received the request from to
``X-Forwarded-For``, so the client is the ``NUM_PROXIES``-th entry from the right: the last one a
trusted proxy wrote. Whatever stands further left was sent by the client and proves nothing.
With no proxy declared (``NUM_PROXIES=0``, the default) the header is not read at all, since any
client can write it: the address is ``REMOTE_ADDR``. An entry that is no IP address (a proxy
misconfigured) counts as absent, rather than as a key an attacker could vary at will.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded.strip():
        return remote_addr
    hops = [hop.strip() for hop in forwarded.split(",")]
    # Fewer entries than proxies: a proxy wrote none; the leftmost is the closest to the client.
    candidate = hops[-min(proxies, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
