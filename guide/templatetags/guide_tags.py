from django import template

from guide.status import Status

register = template.Library()


@register.inclusion_tag("guide/includes/status_badge.html")
def status_badge(aid):
    """The fiche's status as a badge: "Ouvert", "Ferme bientôt : J-12", "Clôturé le 31 décembre"."""
    return {"aid": aid, "status": aid.status, "Status": Status}


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def get_field(form, name):
    return form[name]


@register.filter
def is_list(value):
    return isinstance(value, list | tuple)


def _absolute_link_url(context, aid, viewname):
    """The absolute URL of a view taking the fiche's permanent code (``/a/K7M2Q/``...)."""
    from django.urls import reverse

    from guide.models import PermanentLink

    # One lookup per fiche and request: the share block asks for both URLs.
    link = getattr(aid, "_permanent_link", None)
    if link is None:
        link = aid._permanent_link = PermanentLink.objects.for_uuid(aid.aid_uuid, aid.title)
    path = reverse(viewname, args=[link.code])
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def permanent_url(context, aid):
    """The absolute permanent link of a fiche (``https://…/a/K7M2Q/``, ``/en/a/…`` in English)."""
    return _absolute_link_url(context, aid, "permalinks:short_link")


@register.simple_tag(takes_context=True)
def embed_url(context, aid):
    """The absolute URL of the fiche's embeddable card."""
    return _absolute_link_url(context, aid, "embeds:fiche")


@register.filter
def euros(value):
    """12500 -> '12 500 €' (French typography)."""
    from guide.formatting import format_euros

    return format_euros(value)


@register.simple_tag(takes_context=True)
def programme_url(context, programme):
    """The public page of ``programme`` on this site's results page, or "" where the site has
    no results page or the programme belongs to another territory."""
    from wagtail.models import Site

    from guide.models import ResultsPage
    from home.templatetags.site_tags import site_links

    request = context.get("request")
    if programme is None or request is None:
        return ""
    results = site_links(context).get("results")
    site = Site.find_for_request(request)
    if results is None or site is None or programme.site_id != site.pk:
        return ""
    base = results.get_url(request)  # relative on its own site, whatever the Site's port
    return base + ResultsPage.programme_path(programme.slug) if base else ""
