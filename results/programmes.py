"""Which programmes a results page shows, and which fiches a programme page lists: those of the
page's own site (``FundingProgramme.site``), never another territory's."""

from django.db.models import Prefetch

from core.sites import site_of_page
from guide.models import AidPage, FundingProgramme, ProgrammeResult


def site_programmes(page):
    """The published programmes of the page's site (a draft is shown nowhere:
    ``guide/models/reviewed.py``), each with its results in chronological order and
    its funders, in a fixed number of queries. None for a page outside every site (never the
    request's site's: a preview of another tree must not show them)."""
    site = site_of_page(page)
    if site is None:
        return []
    results = ProgrammeResult.objects.order_by("period_start", "period_end", "pk")
    return list(
        FundingProgramme.objects.filter(site=site, live=True)
        .prefetch_related(Prefetch("results", queryset=results), "funders", "territories")
        .order_by("name")
    )


def programme_fiches(page, programme):
    """The live, public fiches of the programme in the page's language, on the page's site."""
    fiches = AidPage.objects.of_site(site_of_page(page), page.locale.language_code)
    translation_keys = AidPage.objects.filter(programme=programme).values("translation_key")
    # A translated fiche keeps its source's programme (a synchronised field), but reading the
    # source's keeps this right even for a translation not yet synchronised.
    return list(fiches.filter(translation_key__in=translation_keys).for_cards().order_by("title"))
