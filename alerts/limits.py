"""How many confirmation e-mails the subscription form may cause, so that nobody can use it to
flood a mailbox, or the site's mail server.

- **Per mailbox**: at most ``MAX_PENDING_PER_ADDRESS`` unconfirmed alerts (whose link has not
  expired) and ``MAX_ALERTS_PER_ADDRESS`` in all. A mailbox is the address in lower case without
  its ``+`` sub-address (``Alert.recipient``): ``victime+1@…`` to ``victime+45@…`` are one. Beyond,
  nothing is created and nothing is sent, and the visitor sees the same page as anyone (the form
  cannot tell who subscribes to what).
- **Per client**: ``SubscribeRateLimit``, a number of posts per hour from one IPv4 address, or
  from one IPv6 /64 network (a subscriber line gets a whole /64 and may use any address in it).
  The address is the project's one client address (``ClientRateLimit.get_ident``: the last
  trusted ``X-Forwarded-For`` hop, else ``REMOTE_ADDR``).
- **For the whole site**: at most ``ALERTS_CONFIRMATIONS_PER_HOUR`` confirmation e-mails in the
  last hour, whatever the addresses and clients (one per alert created, counted in the database
  that every app server shares).

The limits per client and for the whole site say nothing about an address: the form answers
them with a French message and the form as typed.
"""

import datetime
import ipaddress

from django.conf import settings
from django.utils import timezone

from alerts.models import Alert, recipient_key
from api.rate_limit import ClientRateLimit

MAX_PENDING_PER_ADDRESS = 3
MAX_ALERTS_PER_ADDRESS = 20
IPV6_CLIENT_PREFIX = 64


def client_network(address):
    """What one client is for a per-client count: an IPv4 address, or the /64 network of an
    IPv6 one (an IPv4-mapped IPv6 address counts as its IPv4 address). Anything else, as is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.IPv6Network((int(ip), IPV6_CLIENT_PREFIX), strict=False))


class SubscribeRateLimit(ClientRateLimit):
    """The subscription posts of one client (``client_network``), kept in Django's cache."""

    scope = "alerts_subscribe"

    def get_ident(self, request):
        return client_network(super().get_ident(request))


def may_subscribe(email):
    """Whether another alert may be created for the mailbox of ``email``."""
    alerts = Alert.objects.filter(recipient=recipient_key(email))
    pending = alerts.pending().exclude(pk__in=Alert.objects.expired().values("pk"))
    return pending.count() < MAX_PENDING_PER_ADDRESS and alerts.count() < MAX_ALERTS_PER_ADDRESS


def hourly_cap_reached(now=None):
    """Whether the site sent ``ALERTS_CONFIRMATIONS_PER_HOUR`` confirmation e-mails in the last
    hour (one per alert created)."""
    since = (now or timezone.now()) - datetime.timedelta(hours=1)
    sent = Alert.objects.filter(created_at__gte=since).count()
    return sent >= settings.ALERTS_CONFIRMATIONS_PER_HOUR
