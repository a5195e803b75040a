"""What a fiche's page reads besides the fiche's own row, in as few queries as the page needs.

The page shows the fiche's financial components (« L'essentiel », and its JSON-LD offers) and
contact lines (« Qui contacter », the first phone number), then the cards of its related fiches
(``guide/related.py``), which read their own components (the headline) and contact lines (the
« Appeler » link). Read apart, that is two queries for the fiche and two for the cards; read
here, the fiche and its related fiches have their lines read together: one query for the
components of all of them, one for the contact lines, on first use of either (the JSON-LD in
the page's head, or the body).

Not for a preview: its draft holds its lines in memory (modelcluster), some not saved yet
(``AidPage.get_context`` reads them as they are).
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.functional import cached_property

from guide.models.aid_inlines import AidContact, FinancialComponent
from guide.related import related_fiches


def lines():
    """The prefetches of what the fiche shows of its lines and what a card reads of its own
    (``AidPageQuerySet.for_cards``'s, with the component's scope the fiche shows), in their
    editorial order (``sort_order``, then ``pk``)."""
    components = FinancialComponent.objects.select_related(
        "aid_type", "territory", "audience", "sector"
    ).order_by("sort_order", "pk")
    contacts = AidContact.objects.select_related("contact__organisation").order_by(
        "sort_order", "pk"
    )
    return (
        Prefetch("financial_components", queryset=components),
        Prefetch("contacts", queryset=contacts),
    )


class FicheReading:
    """The lines of a saved fiche and its related fiches, read together on first use."""

    def __init__(self, page):
        self.page = page

    @cached_property
    def related(self):
        """The related fiches, ready for their cards (the fiche's own lines read with theirs)."""
        fiches = related_fiches(self.page, cards=False)
        prefetch_related_objects([self.page, *fiches], *lines())
        return fiches

    def components(self):
        self.related  # noqa: B018 (reads the lines)
        return list(self.page.financial_components.all())

    def contact_lines(self):
        self.related  # noqa: B018 (reads the lines)
        return list(self.page.contacts.all())
