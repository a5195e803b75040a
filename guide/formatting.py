"""How amounts, rates, durations and shares read on the site (French typography for numbers,
words in the language of the request)."""

from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

# Lazy: translated when shown, in the language of the request (not at import time).
COMMON_FRACTIONS = {
    Decimal("25"): _("un quart"),
    Decimal("33.33"): _("un tiers"),
    Decimal("50"): _("la moitié"),
    Decimal("66.67"): _("deux tiers"),
    Decimal("75"): _("trois quarts"),
}


def format_long_date(day):
    """« 31 mars 2027 » (« 31 March 2027 » in English)."""
    return date_format(day, "j F Y")


def format_number(value):
    """12345.5 -> '12 345,5' (French grouping with narrow no-break spaces)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        integer, decimals = int(value), ""
    else:
        text = f"{value.normalize():f}"
        integer_text, decimals = text.split(".")
        integer = int(integer_text)
    grouped = f"{integer:,}".replace(",", NARROW_NBSP)
    return f"{grouped},{decimals}" if decimals else grouped


def format_euros(value):
    if value is None:
        return ""
    return f"{format_number(value)}{NBSP}€"


def format_percent(value):
    if value is None:
        return ""
    return f"{format_number(value)}{NBSP}%"


def format_duration(months):
    if not months:
        return ""
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(n)d an", "%(n)d ans", years) % {"n": years}
    return ngettext("%(n)d mois", "%(n)d mois", months) % {"n": months}


def format_share(percent):
    """33.33 -> 'un tiers'; other values as a percentage."""
    if percent is None:
        return ""
    words = COMMON_FRACTIONS.get(Decimal(percent).quantize(Decimal("0.01")))
    return str(words) if words else format_percent(percent)


def unit_noun(unit, count):
    """The noun of a per-unit amount (FinancialComponent.Unit), singular or plural."""
    if unit == "emploi_cree":
        return ngettext("emploi créé", "emplois créés", count)
    if unit == "recrutement":
        return ngettext("recrutement", "recrutements", count)
    if unit == "salarie":
        return ngettext("salarié", "salariés", count)
    if unit == "mois":
        return ngettext("mois", "mois", count)
    if unit == "an":
        return ngettext("an", "ans", count)
    return ngettext("unité", "unités", count)


def format_unit_share(count, total, unit):
    """(1, 3, "emploi_cree") -> « au plus 1 emploi créé sur 3 »."""
    return _("au plus %(count)s %(noun)s sur %(total)s") % {
        "count": format_number(count),
        "noun": unit_noun(unit, count),
        "total": format_number(total),
    }
