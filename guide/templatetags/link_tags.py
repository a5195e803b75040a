"""Saying where an outbound link leads: the site's name as a reader recognises it."""

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def link_host(url):
    """``https://www.demarches.example/aide?id=3`` -> ``demarches.example``: the host of an
    address without its ``www.``; "" for an address without one."""
    host = urlsplit((url or "").strip()).hostname or ""
    return host.removeprefix("www.")
