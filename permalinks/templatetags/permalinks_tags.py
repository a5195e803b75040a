"""A fiche's permanent link and the address of its embeddable card (its « Partager » block)."""

from django import template
from django.urls import reverse

from permalinks.models import PermanentLink

register = template.Library()


def permanent_code(aid):
    """The fiche's permanent code: read with the fiche when its page was routed
    (``guide/fiche_routing.py``), else looked up once per fiche and request (the share block
    asks for two URLs), the link created on first use."""
    code = getattr(aid, "permanent_code", None)
    if code is None:
        # No title: a preview shows a draft's (the link's title is set on publication only).
        code = aid.permanent_code = PermanentLink.objects.for_uuid(aid.aid_uuid).code
    return code


def absolute_link_url(context, aid, viewname):
    """The absolute URL of a view taking the fiche's permanent code (``/a/K7M2Q/``...)."""
    path = reverse(viewname, args=[permanent_code(aid)])
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def permanent_url(context, aid):
    """The absolute permanent link of a fiche (``https://…/a/K7M2Q/``, ``/en/a/…`` in English)."""
    return absolute_link_url(context, aid, "permalinks:short_link")


@register.simple_tag(takes_context=True)
def embed_url(context, aid):
    """The absolute URL of the fiche's embeddable card."""
    return absolute_link_url(context, aid, "embeds:fiche")


@register.inclusion_tag("permalinks/share.html", takes_context=True)
def share_block(context, aid):
    """The fiche's « Partager » block: permanent link, e-mail, LinkedIn, embed code."""
    return {"page": aid, "request": context.get("request"), "settings": context.get("settings")}
