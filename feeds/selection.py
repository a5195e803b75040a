"""Which fiches each feed and calendar lists.

Always the published fiches of one guide in its locale (``AidPage.objects.in_guide``): never a
draft, an unpublished page or a page under a view restriction. Each selection is a fixed number of
queries, whatever the number of fiches (the related rows are prefetched).
"""

from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet, prefetch_related_objects

from guide.listing.context import active_filters
from guide.listing.filters import AidFilterForm
from guide.listing.search import listing_search
from guide.models import AidContact, AidPage
from guide.status import Status

NEWS_SIZE = 30


def described_fiches(index):
    """The guide's fiches with what ``describe`` reads."""
    return AidPage.objects.in_guide(index).prefetch_related(
        "aid_types", "financial_components__aid_type"
    )


def latest_fiches(index):
    """New and updated fiches, the last published first, whatever their status (a fiche that
    closes early or reopens is news too)."""
    ordering = (F("last_published_at").desc(nulls_last=True), "-pk")
    return described_fiches(index).order_by(*ordering)[:NEWS_SIZE]


def closing_soon_fiches(index, on):
    """Open fiches whose closing date is within ``GUIDE_CLOSING_SOON_DAYS`` days of ``on``
    (the listing's « Ferment dans les 30 jours »), soonest first."""
    return described_fiches(index).with_status(Status.CLOSING_SOON, on).closing_soon_first()


@dataclass
class CalendarSelection:
    fiches: QuerySet
    filter_labels: list  # the active filters, as the listing names them


def calendar_fiches(index, query, on):
    """The fiches the listing shows for the same URL parameters (``query``), those with a
    closing date, soonest first.

    The parameters are read by the listing's own form and search (``AidFilterForm``,
    ``FicheSearch``): text, type, public, secteur, etape, commune, effectif and statut, which
    excludes closed fiches unless it asks for them. ``tri`` and ``page`` play no part.
    """
    form = AidFilterForm(query)
    params = form.params()
    contacts = AidContact.objects.select_related("contact__organisation")
    base = described_fiches(index).prefetch_related(Prefetch("contacts", queryset=contacts))
    search = listing_search(base, form, params, on=on, language=index.locale.language_code)
    matching = search.with_text(search.filtered())
    return CalendarSelection(
        fiches=matching.filter(closing_date__isnull=False).closing_soon_first(),
        filter_labels=[str(active.label) for active in active_filters(form, params, query)],
    )


def load_described(fiche):
    """Fetch, for the served fiche, what its calendar describes."""
    contacts = AidContact.objects.select_related("contact__organisation")
    prefetch_related_objects(
        [fiche], "financial_components__aid_type", Prefetch("contacts", queryset=contacts)
    )
    return fiche
