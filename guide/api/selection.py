"""Which fiches the API shows: the live, public fiches of the default site's guides, in one
language.

- ``live().public()``: never a draft, an unpublished fiche, nor a page under a view restriction
  (on itself or on an ancestor, such as the guide).
- The page rows are read, never revisions: a published fiche with a newer draft shows its
  published version.
- French: the guides (``AidIndexPage``) under the default site's root. English: their published
  English translations; a fiche appears in English only once translated and published.
"""

from django.db.models import Prefetch

from guide.guides import site_guides
from guide.models import AidContact, AidPage, FinancialComponent
from guide.opendata.export import default_site
from search.fiche_search import guide_fiches


def guides(language):
    """The live, public guides of the default site in ``language``."""
    return site_guides(default_site(), language)


def published_fiches(language):
    """The live, public fiches of those guides (a queryset, without relations)."""
    fiches = AidPage.objects.none()
    for index in guides(language):
        fiches = fiches | guide_fiches(index)
    return fiches


def with_relations(queryset):
    """Everything an item reads, in a fixed number of queries whatever the number of fiches."""
    # sort_order, then pk: a stable order even where lines share a sort_order.
    components = FinancialComponent.objects.select_related("aid_type", "territory").order_by(
        "sort_order", "pk"
    )
    contacts = AidContact.objects.select_related("contact__organisation").order_by(
        "sort_order", "pk"
    )
    return queryset.select_related("operator").prefetch_related(
        "aid_types",
        "audiences",
        "sectors",
        "project_stages",
        "territories",
        Prefetch("financial_components", queryset=components),
        Prefetch("contacts", queryset=contacts),
    )


def fiche_by_uuid(aid_uuid, language):
    return with_relations(published_fiches(language).filter(aid_uuid=aid_uuid)).first()
