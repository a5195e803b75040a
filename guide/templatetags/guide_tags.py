from django import template
from wagtail.models import Site

from guide.card_call import card_call, first_call
from guide.eligibility_sentences import case_sentences
from guide.formatting import format_euros
from guide.models.settings import GuideSettings
from guide.status import Status

register = template.Library()


@register.inclusion_tag("guide/includes/status_badge.html")
def status_badge(aid):
    """The fiche's status as a badge: "Ouvert", "Ferme bientôt : J-12", "Clôturé le 31 décembre"."""
    return {"aid": aid, "status": aid.status, "Status": Status}


@register.inclusion_tag("guide/includes/card_deadline.html")
def card_deadline(aid):
    """The closing date in words beside the badge, « jusqu'au 31 mars 2027 », on the card of a
    fiche one can still apply to (a closed fiche's badge already gives its date)."""
    shown = aid.closing_date is not None and aid.status.code != Status.CLOSED
    return {"date": aid.closing_date if shown else None}


@register.inclusion_tag("guide/includes/call_link.html", takes_context=True)
def card_call_link(context, aid):
    """The card's « Appeler » link (guide/card_call.py), or nothing. The guide's settings are
    the request's (read once for the page's header and footer too)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    guide_settings = GuideSettings.for_request(request) if site is not None else None
    return {"call": card_call(aid, guide_settings)}


@register.simple_tag
def first_phone_call(shown):
    """The call of the first shown contact that has a phone (the fiche's « L'essentiel »)."""
    return first_call(shown)


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def get_field(form, name):
    return form[name]


@register.filter
def is_list(value):
    return isinstance(value, list | tuple)


@register.filter
def euros(value):
    """12500 -> '12 500 €' (French typography)."""
    return format_euros(value)


@register.simple_tag
def eligibility_case_sentences(page):
    """The fiche's eligibility cases as sentences (guide/eligibility_sentences.py)."""
    return case_sentences(page)
