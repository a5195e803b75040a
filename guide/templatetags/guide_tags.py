from django import template

from guide.eligibility_sentences import case_sentences
from guide.formatting import format_euros
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


@register.filter
def euros(value):
    """12500 -> '12 500 €' (French typography)."""
    return format_euros(value)


@register.simple_tag
def eligibility_case_sentences(page):
    """The fiche's eligibility cases as sentences (guide/eligibility_sentences.py)."""
    return case_sentences(page)
