"""Search and filter the fiches of one guide: the engine behind the public listing.

The listing view hands over the cleaned URL state (``AidFilterForm.params()``) and gets back the
ordered results, their count and, for every filter option, how many fiches it would show.

- Filters are ORM filters on fields the search index declares as ``FilterField`` (related
  vocabularies through ``RelatedFields(..., [FilterField("slug")])``), so the same queryset can be
  handed to the search backend.
- Options within one filter widen (type=prêt OR subvention), filters narrow each other (AND).
  Counts are "disjunctive": the count of an option ignores the other options of its own filter.
- An aid with no audience or no sector is open to all: it matches any audience or sector.
- Text: every concept of the query is required; when that finds nothing, any concept will do
  (``broadened``), which forgives a misspelt or unknown word.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, F, Q

from guide.models import AidPage, Territory
from guide.status import Status, is_open_q, status_q, today
from search.query import parse_query

# Filters where "no value" on the fiche means "all values".
OPEN_TO_ALL_WHEN_EMPTY = {"public", "secteur"}

STATUS_FILTERS = {
    "ouvert": lambda on: is_open_q(on),
    "bientot": lambda on: status_q(Status.CLOSING_SOON, on),
    "a_venir": lambda on: status_q(Status.UPCOMING, on),
    "cloture": lambda on: status_q(Status.CLOSED, on),
    "tous": lambda on: Q(),
}


@dataclass
class SearchOutcome:
    results: object  # a QuerySet, or the backend's SearchResults when ordered by relevance
    total: int
    facets: dict
    status_counts: dict
    broadened: bool
    query: object


class FicheSearch:
    def __init__(self, base_queryset, params, facets, options=None, on=None):
        """``facets``: {param: relation}, e.g. {"type": "aid_types"}.

        ``options``: {param: [slugs]}, the options to count (all of them, even those at zero).
        """
        self.base = base_queryset
        self.params = params
        self.facets = facets
        self.options = options or {}
        self.on = on or today()
        self.parsed = parse_query(params.get("q", ""))
        self.broadened = False

    # Filters --------------------------------------------------------------------------------

    def facet_q(self, name, values):
        relation = self.facets[name]
        condition = Q(**{f"{relation}__slug__in": values})
        if name in OPEN_TO_ALL_WHEN_EMPTY:
            condition |= Q(**{f"{relation}__isnull": True})
        return condition

    @cached_property
    def territory_slugs(self):
        """The chosen commune and every territory containing it (département, EPT, région...)."""
        slug = self.params.get("commune")
        commune = slug and Territory.objects.filter(slug=slug, kind=Territory.Kind.COMMUNE).first()
        return [t.slug for t in commune.with_ancestors()] if commune else []

    def territory_q(self):
        return Q(territories__slug__in=self.territory_slugs) if self.territory_slugs else Q()

    def staff_q(self):
        staff = self.params.get("effectif")
        if staff is None:
            return Q()
        return (Q(staff_min__isnull=True) | Q(staff_min__lte=staff)) & (
            Q(staff_max__isnull=True) | Q(staff_max__gte=staff)
        )

    def filtered(self, exclude_facet=None, with_status=True):
        """The base queryset with every filter but ``exclude_facet`` (and optionally status).

        Each many-to-many filter is applied as its own ``filter()`` call (one join per
        filter), then duplicates are removed with a pk subquery.
        """
        queryset = self.base.filter(self.territory_q()).filter(self.staff_q())
        for name in self.facets:
            values = self.params.get(name) or []
            if values and name != exclude_facet:
                queryset = queryset.filter(self.facet_q(name, values))
        if with_status:
            queryset = queryset.filter(STATUS_FILTERS[self.params.get("statut", "ouvert")](self.on))
        return self.base.filter(id__in=queryset.values("pk"))

    # Text -----------------------------------------------------------------------------------

    def text_matches(self, queryset, require_all=True, ranked=True):
        """Search results for the text query within ``queryset``."""
        return queryset.search(
            self.parsed.as_query(require_all=require_all), order_by_relevance=ranked
        )

    def text_ids(self):
        """The ids of the fiches matching the text, as a subquery (computed once).

        ``get_queryset()`` is the database backends' queryset of the matches: counts and
        facets then stay in SQL, whatever the number of matches.
        """
        if not hasattr(self, "_text_ids"):
            results = self.text_matches(self.base, require_all=True, ranked=False)
            if not results.get_queryset().exists():
                results = self.text_matches(self.base, require_all=False, ranked=False)
                self.broadened = True
            self._text_ids = results.get_queryset().order_by().values("pk")
        return self._text_ids

    def with_text(self, queryset):
        if self.parsed.is_empty:
            return queryset
        return queryset.filter(id__in=self.text_ids())

    # Results --------------------------------------------------------------------------------

    def ordered_results(self):
        queryset = self.filtered()
        sort = self.params.get("tri")
        if sort == "pertinence" and not self.parsed.is_empty:
            self.text_ids()  # decides whether the query must be broadened
            return self.text_matches(queryset, require_all=not self.broadened)
        queryset = self.with_text(queryset)
        if sort == "recent":
            return queryset.order_by("-first_published_at", "-pk")
        return queryset.order_by(*closing_soon_ordering())

    def facet_counts(self):
        """{param: {slug: number of fiches}} for every option, one query per filter."""
        counts = {}
        for name, relation in self.facets.items():
            queryset = self.with_text(self.filtered(exclude_facet=name))
            # order_by(): Page's default ordering (path) would split the GROUP BY per page.
            rows = (
                queryset.order_by()
                .values(f"{relation}__slug")
                .annotate(n=Count("pk", distinct=True))
            )
            by_slug = {row[f"{relation}__slug"]: row["n"] for row in rows}
            open_to_all = by_slug.pop(None, 0) if name in OPEN_TO_ALL_WHEN_EMPTY else 0
            slugs = self.options.get(name) or list(by_slug)
            counts[name] = {slug: by_slug.get(slug, 0) + open_to_all for slug in slugs}
        return counts

    def status_counts(self):
        queryset = self.with_text(self.filtered(with_status=False))
        aggregates = {
            key: Count("pk", filter=condition(self.on)) for key, condition in STATUS_FILTERS.items()
        }
        return queryset.aggregate(**aggregates)

    def run(self):
        results = self.ordered_results()
        status_counts = self.status_counts()
        return SearchOutcome(
            results=results,
            total=status_counts[self.params.get("statut", "ouvert")],
            facets=self.facet_counts(),
            status_counts=status_counts,
            broadened=self.broadened,
            query=self.parsed,
        )


def closing_soon_ordering():
    """Closing soonest first; fiches without a closing date (permanent) last, on every database."""
    return (F("closing_date").asc(nulls_last=True), "title")


def guide_fiches(index, locale=None):
    """The published, public fiches of one guide index (in its locale)."""
    queryset = AidPage.objects.live().public().descendant_of(index)
    return queryset.filter(locale=locale or index.locale)
