"""Which fiches the API shows: the live, public fiches of the request's site's guides, in one
language. Each territory is a Wagtail ``Site`` with its own host: ``fonds13.example/api/v1/``
serves that site's fiches and never another site's (``Site.find_for_request``, which falls
back on the default site for an unknown host).

- ``live().public()``: never a draft, an unpublished fiche, nor a page under a view restriction
  (on itself or on an ancestor, such as the guide).
- The page rows are read, never revisions: a published fiche with a newer draft shows its
  published version.
- French: the guides (``AidIndexPage``) under the site's root. English: their published
  English translations; a fiche appears in English only once translated and published.
"""

from django.db.models import Prefetch
from wagtail.models import Site

from guide.guides import site_fiches
from guide.models import AidContact, FinancialComponent


def request_site(request):
    """The site of the request's host (the default site for a host no site claims; None when
    there is no site at all). Wagtail caches it on the request."""
    return Site.find_for_request(request)


def published_fiches(site, language):
    """The live, public fiches of the guides of ``site`` in ``language`` (a queryset, without
    relations)."""
    return site_fiches(site, language)


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


def fiche_by_uuid(site, aid_uuid, language):
    return with_relations(published_fiches(site, language).filter(aid_uuid=aid_uuid)).first()
