"""The listing page's context, built here only: search box, filters with counts, results,
pagination, the active filters and the French fallback of a translated guide.

A translated guide (English) lists the French guide's fiches it has no published translation of
too, marked « (en français) » with their French title and summary (``listed_in_french``), and
says how many of its results are translated (``SearchOutcome.in_french``): a visitor is not led
to believe the guide has no more aids than its translated ones.

The whole state lives in the URL (GET parameters named as in ``AidFilterForm``), so a result
page can be shared, bookmarked and reached with the back button; it works without JavaScript.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext as _

from core.locales import default_locale, locale_by_id
from guide.listing.filters import AidFilterForm
from guide.listing.no_results import no_results
from guide.listing.search import listing_search
from guide.models import AidPage
from guide.needs import NEEDS
from guide.status import StatusFilter


@dataclass
class ActiveFilter:
    label: str
    remove_url: str


def without(querydict, key, value=None):
    """The query string without one value of ``key`` (or all of them), back to page 1."""
    data = querydict.copy()
    data.pop("page", None)
    if value is None:
        data.pop(key, None)
    else:
        data.setlist(key, [v for v in data.getlist(key) if v != value])
    encoded = data.urlencode()
    return f"?{encoded}" if encoded else "?"


def active_filters(form, params, querydict):
    found = []
    if params["q"]:
        found.append(ActiveFilter(_("Recherche : « %s »") % params["q"], without(querydict, "q")))
    for name in form.FACETS:
        labels = dict(form.fields[name].choices)
        for value in params[name]:
            label = f"{form.fields[name].label} : {labels[value]}"
            found.append(ActiveFilter(label, without(querydict, name, value)))
    if params["commune"]:
        communes = {
            slug: name
            for _group, options in form.fields["commune"].choices[1:]
            for slug, name in options
        }
        found.append(ActiveFilter(communes[params["commune"]], without(querydict, "commune")))
    if params["effectif"] is not None:
        found.append(
            ActiveFilter(
                _("%(n)s salarié(s)") % {"n": params["effectif"]}, without(querydict, "effectif")
            )
        )
    if params["statut"] != StatusFilter.OPEN:
        labels = dict(form.fields["statut"].choices)
        found.append(ActiveFilter(labels[params["statut"]], without(querydict, "statut")))
    return found


def source_guide(index):
    """The guide in the default language (French) that ``index`` translates, or None."""
    default = default_locale()
    if index.locale_id == default.pk:
        return None
    return index.get_translation_or_none(default)


def listed_fiches(index, source):
    """The published fiches the listing of ``index`` shows: its own and, for a translated guide
    (``source``: its French guide), the French ones it has no published translation of. Path and
    locale filters, which every search backend reads; the translations' keys are a subquery the
    database applies."""
    fiches = AidPage.objects.published()
    own = Q(fiches.descendant_of_q(index)) & Q(locale_id=index.locale_id)
    if source is None:
        return fiches.filter(own)
    translated = fiches.filter(own).values("translation_key")
    lacking = (
        Q(fiches.descendant_of_q(source))
        & Q(locale_id=source.locale_id)
        & ~Q(translation_key__in=translated)
    )
    return fiches.filter(own | lacking)


def listing_context(index, request):
    form = AidFilterForm(request.GET)
    params = form.params()
    options = {name: [slug for slug, _label in form.fields[name].choices] for name in form.FACETS}

    def run(guide, source=None):
        base = listed_fiches(guide, source).for_cards()
        return listing_search(
            base,
            form,
            params,
            options=options,
            language=locale_by_id(guide.locale_id).language_code,  # shared: no query
            french_locale=source.locale_id if source is not None else None,
        ).run()

    source = source_guide(index)
    outcome = run(index, source)
    # A text search that finds nothing in a translated guide, not even in its French-only
    # fiches, shows the French guide's results (its translated fiches' French words), searched
    # in French, and says so.
    french = None
    if params["q"] and not outcome.total and (french := source) is not None:
        french_outcome = run(french)
        if french_outcome.total:
            outcome = french_outcome
        else:
            french = None
    paginator = Paginator(outcome.results, index.per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    if source is not None:  # a translated guide: the card marks its French fiches
        for aid in page_obj.object_list:
            aid.listed_in_french = aid.locale_id != index.locale_id
    why_nothing = no_results(form, params, outcome)
    return {
        "filter_form": form,
        "params": params,
        "outcome": outcome,
        "page_obj": page_obj,
        "aids": page_obj.object_list,
        "active_filters": active_filters(form, params, request.GET),
        "french_fallback": french,
        # Why nothing was found, and the needs tiles offered instead (guide/listing/no_results.py).
        "no_results": why_nothing,
        "needs": NEEDS,
        # Folded on every width while there are results, so that they come first (the active
        # filters are listed above them); open when a value is invalid, or when the filters are
        # why nothing is found (words alone finding nothing: the explanation comes first).
        "filters_open": bool(form.errors) or bool(why_nothing and why_nothing.filtered),
    }
