"""Search and filter the fiches of one guide: the engine behind the public listing, its
selection, sorting and facet counts.

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

The search backend only finds (and ranks) the fiches matching the text; filters, counts and
ordering always run in the database, on every backend. With Wagtail's database backend the
matches stay a SQL subquery. With Elasticsearch (``ranked_ids`` of
``search/elasticsearch_backend.py``) they come back as the list of every matching pk, best
first, and the database intersects it with the filters. That choice settles, once and for all
backends, three ways in which Wagtail's Elasticsearch backend differs from the database one:
its facets return only the top 10 buckets (counts here are exact, in SQL); a ``pk__in`` filter
on a page subclass is silently dropped from the Elasticsearch query (no correctness here
depends on a filter reaching Elasticsearch: the base queryset's filters only narrow what it
sends back, the database applies them again); its default operator is "or" (every query here
states its operators: ``search/query.py``).
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Q

from core.i18n import default_language
from guide.listing.pagination import RankedIds, SortedById
from guide.models import AidPage, Territory
from guide.models.selections import CLOSING_SOON_FIRST
from guide.status import StatusFilter, status_filter_q, today
from search.languages import search_backend
from search.query import parse_query

# Filters where "no value" on the fiche means "all values".
OPEN_TO_ALL_WHEN_EMPTY = {"public", "secteur"}


@dataclass
class SearchOutcome:
    results: object  # a QuerySet, or the backend's SearchResults when ordered by relevance
    total: int
    facets: dict
    status_counts: dict
    broadened: bool
    query: object


class FicheSearch:
    def __init__(self, base_queryset, params, facets, options=None, on=None, language=None):
        """``facets``: {param: relation}, e.g. {"type": "aid_types"}.

        ``options``: {param: [slugs]}, the options to count (all of them, even those at zero).
        ``language``: the language of the fiches and of the text (stop words, stemming;
        ``search/languages.py``), French by default.
        """
        self.language = language or default_language()
        self.base = base_queryset
        self.params = params
        self.facets = facets
        self.options = options or {}
        self.on = on or today()
        self.parsed = parse_query(params.get("q", ""), language=self.language)
        self.broadened = False

    # Filters --------------------------------------------------------------------------------

    @property
    def status_filter(self):
        return self.params.get("statut", StatusFilter.OPEN)

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
        filter); when there is one, duplicates are removed with a pk subquery.
        """
        queryset = self.base.filter(self.staff_q())
        joins = bool(self.territory_slugs)
        queryset = queryset.filter(self.territory_q())
        for name in self.facets:
            values = self.params.get(name) or []
            if values and name != exclude_facet:
                queryset = queryset.filter(self.facet_q(name, values))
                joins = True
        if with_status:
            queryset = queryset.filter(status_filter_q(self.status_filter, self.on))
        return self.base.filter(id__in=queryset.values("pk")) if joins else queryset

    # Text -----------------------------------------------------------------------------------

    def text_matches(self, queryset, require_all=True, ranked=True):
        """Search results for the text query within ``queryset``."""
        query = self.parsed.as_query(require_all=require_all)
        return self.backend.search(query, queryset, order_by_relevance=ranked)

    @cached_property
    def backend(self):
        return search_backend(self.language)

    def matching_ids(self, require_all):
        """The fiches of the base matching the text: a list of pks, best first, from a backend
        that ranks outside the database (Elasticsearch), else a pk subquery.

        ``get_queryset()`` is the database backends' queryset of the matches: counts and
        facets then stay in SQL, whatever the number of matches.
        """
        if hasattr(self.backend, "ranked_ids"):
            return self.backend.ranked_ids(self.base, self.parsed.as_query(require_all))
        results = self.text_matches(self.base, require_all=require_all, ranked=False)
        return results.get_queryset().order_by().values("pk")

    def text_ids(self):
        """The ids of the fiches matching the text (computed once): every concept if that
        finds a fiche of the base, else any of them (``broadened``)."""
        if not hasattr(self, "_text_ids"):
            ids = self.matching_ids(require_all=True)
            if not self.base.filter(id__in=ids).exists():
                ids = self.matching_ids(require_all=False)
                self.broadened = True
            self._text_ids = ids
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
            ids = self.text_ids()  # also decides whether the query must be broadened
            if isinstance(ids, list):
                return RankedIds(queryset, ids)
            return self.text_matches(queryset, require_all=not self.broadened)
        queryset = self.with_text(queryset)
        if sort == "recent":
            return SortedById(queryset, ("-first_published_at", "-pk"))
        return SortedById(queryset, CLOSING_SOON_FIRST)

    def facet_counts(self):
        """{param: {slug: number of fiches}} for every option.

        Counted on the many-to-many table (one row per fiche and value: no DISTINCT over
        joined fiche rows), one query per filter, plus one for filters where a fiche with no
        value is open to all.
        """
        counts = {}
        for name, relation in self.facets.items():
            fiches = self.with_text(self.filtered(exclude_facet=name)).order_by()
            through = AidPage._meta.get_field(relation).remote_field.through
            target = AidPage._meta.get_field(relation).m2m_reverse_field_name()
            rows = (
                through.objects.filter(aidpage_id__in=fiches.values("pk"))
                .values(f"{target}__slug")
                .annotate(n=Count("pk"))
                .order_by()
            )
            by_slug = {row[f"{target}__slug"]: row["n"] for row in rows}
            open_to_all = 0
            if name in OPEN_TO_ALL_WHEN_EMPTY:
                open_to_all = fiches.filter(**{f"{relation}__isnull": True}).count()
            slugs = self.options.get(name) or list(by_slug)
            counts[name] = {slug: by_slug.get(slug, 0) + open_to_all for slug in slugs}
        return counts

    def status_counts(self):
        queryset = self.with_text(self.filtered(with_status=False))
        aggregates = {
            value: Count("pk", filter=status_filter_q(value, self.on)) for value in StatusFilter
        }
        return queryset.aggregate(**aggregates)

    def run(self):
        results = self.ordered_results()
        status_counts = self.status_counts()
        total = status_counts[self.status_filter]
        if isinstance(results, (SortedById, RankedIds)):
            results._count = total  # already counted, with the same filters
        return SearchOutcome(
            results=results,
            total=total,
            facets=self.facet_counts(),
            status_counts=status_counts,
            broadened=self.broadened,
            query=self.parsed,
        )


def listing_search(base, form, params, **kwargs):
    """The listing's search over ``base`` for the parameters read by ``form`` (an
    ``AidFilterForm``): the listing page, the embeds and the calendars share it, so the same
    URL parameters select the same fiches everywhere."""
    facets = {name: relation for name, (relation, _model) in form.FACETS.items()}
    return FicheSearch(base, params, facets=facets, **kwargs)
