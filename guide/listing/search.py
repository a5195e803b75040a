"""Search and filter the fiches of one guide: the engine behind the public listing, its
selection, sorting and facet counts.

The listing view hands over the cleaned URL state (``AidFilterForm.params()``) and gets back the
ordered results, their count and, for every filter option, how many fiches it would show.

- Options within one filter widen (type=prêt OR subvention), filters narrow each other (AND).
  Counts are "disjunctive": the count of an option ignores the other options of its own filter
  (it is the number of results the listing shows with that option alone in its filter).
- The business's filters (audience « public », sector « secteur », commune, staff « effectif »)
  read the fiche's criteria as the questionnaire does (``guide/matching/prefilter.py``): the
  fiche's own criteria admit the chosen values, and the fiche has no eligibility case or one case
  admits all of them at once (Alixio is not under Essonne + Commerce: its Essonne case is for
  PMI, which are industrial). An aid with no audience, sector or territory is open to all; an
  aid for PMI only is in the industry sector (``guide/matching/audiences.py``).
- Those filters are subqueries (``EXISTS``), which a search backend cannot read: the filtered
  queryset handed to it is ``id__in`` a subquery of the filtered pks, as for the many-to-many
  filters (type, étape).
- Text: every concept of the query is required; when that finds nothing, any concept will do
  (``broadened``), which forgives a misspelt or unknown word.
- Typos: when even that finds nothing (and the visitor did not ask for the exact words,
  ``exact``), Elasticsearch searches again with typos forgiven (``fuzzy``, fuzziness AUTO); a
  database backend searches the corrected text (``corrected``: « subvension » -> « subvention »,
  ``search/typos.py``, over the words of the base's titles, operators and programmes), which
  the page shows. An exact match never reaches this step: it is never « corrected ».
- A translated guide lists the fiches it lacks in French (``french_locale``: the English guide's
  base holds the French-only fiches too, guide/listing/context.py): the text is searched in the
  guide's language and, over those fiches, in French (``french``, a search of its own), so that
  their French words find them; by relevance, the guide's language's matches come first. The
  outcome counts those shown in French (``in_french``).

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

from django.db.models import CharField, Count, F, Func, Q, Subquery, Value

from core.i18n import default_language
from guide.listing.choices import commune_id
from guide.listing.pagination import RankedIds, SortedById
from guide.matching.prefilter import OptionRow, eligible_q
from guide.models import AidPage, FundingProgramme, Organisation
from guide.models.selections import CLOSING_SOON_FIRST
from guide.models.territory import ancestor_ids
from guide.status import StatusFilter, status_filter_q, today
from search.languages import search_backend
from search.query import parse_query
from search.typos import corrected_text

# The facets read through the fiche's criteria and cases: param -> ``criteria_q``'s keyword.
CRITERIA_FACETS = {"public": "audience_slugs", "secteur": "sector_slugs"}


@dataclass
class SearchOutcome:
    results: object  # a QuerySet, or the backend's SearchResults when ordered by relevance
    total: int
    facets: dict
    status_counts: dict
    broadened: bool
    query: object
    in_french: int = 0  # of ``total``, the fiches a translated guide shows in French
    corrected: str = ""  # the corrected text searched instead of the typed one (database)
    fuzzy: bool = False  # found with typos forgiven (Elasticsearch)

    @property
    def in_own_language(self):
        """Of ``total``, the fiches in the guide's language."""
        return self.total - self.in_french


def attempts(parsed):
    """``require_all`` values worth trying: every concept, then any (the same with one)."""
    return (True, False) if len(parsed.concepts) > 1 else (True,)


class FicheSearch:
    def __init__(
        self,
        base_queryset,
        params,
        facets,
        options=None,
        on=None,
        language=None,
        french_locale=None,
    ):
        """``facets``: {param: relation}, e.g. {"type": "aid_types"}.

        ``options``: {param: [slugs]}, the options to count (all of them, even those at zero).
        ``language``: the language of the fiches and of the text (stop words, stemming;
        ``search/languages.py``), French by default.
        ``french_locale``: the pk of the French locale when the base mixes French fiches into
        a translated guide's: they are searched in French too.
        """
        self.language = language or default_language()
        self.base = base_queryset
        self.params = params
        self.facets = facets
        self.options = options or {}
        self.on = on or today()
        self.parsed = parse_query(params.get("q", ""), language=self.language)
        self.broadened = False
        self.exact = bool(params.get("exact"))  # the visitor's words, never corrected
        self.corrected = ""
        self.fuzzy = False
        self.french_locale = french_locale
        self.french = None
        if french_locale is not None:
            self.french = FicheSearch(
                base_queryset.filter(locale_id=french_locale),
                params,
                facets,
                options=options,
                on=self.on,
                language=default_language(),
            )

    # Filters --------------------------------------------------------------------------------

    @property
    def status_filter(self):
        return self.params.get("statut", StatusFilter.OPEN)

    def facet_q(self, name, values):
        return Q(**{f"{self.facets[name]}__slug__in": values})

    @cached_property
    def territory_ids(self):
        """The chosen commune and every territory containing it (département, EPT, région...),
        or ``None`` when no commune is chosen: read from the shared territory tree, no query."""
        pk = commune_id(self.params.get("commune") or "")
        return ancestor_ids(pk) if pk is not None else None

    def criteria_values(self, exclude_facet=None):
        """The business's filters as ``criteria_q``'s keywords (``None``: not asked)."""
        values = {"territory_ids": self.territory_ids, "staff": self.params.get("effectif")}
        for name, keyword in CRITERIA_FACETS.items():
            if name in self.facets and name != exclude_facet:
                values[keyword] = self.params.get(name) or None
        return values

    def filtered(self, exclude_facet=None, with_status=True):
        """The base queryset with every filter but ``exclude_facet`` (and optionally status).

        Each many-to-many filter is applied as its own ``filter()`` call (one join per
        filter); when there is one, or a criteria subquery, the result is the base filtered
        by a pk subquery (no duplicates, and a queryset a search backend can read).
        """
        eligibility = eligible_q(**self.criteria_values(exclude_facet))
        queryset = self.base.filter(eligibility)
        wrapped = eligibility != Q()
        for name in self.facets:
            values = self.params.get(name) or []
            if values and name != exclude_facet and name not in CRITERIA_FACETS:
                queryset = queryset.filter(self.facet_q(name, values))
                wrapped = True
        if with_status:
            queryset = queryset.filter(status_filter_q(self.status_filter, self.on))
        return self.base.filter(id__in=queryset.values("pk")) if wrapped else queryset

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
            ids = self.backend.ranked_ids(self.base, self.parsed.as_query(require_all))
        else:
            results = self.text_matches(self.base, require_all=require_all, ranked=False)
            ids = results.get_queryset().order_by().values("pk")
        if self.french is None or self.french.parsed.is_empty:
            return ids
        french = self.french.matching_ids(require_all)
        if isinstance(ids, list):
            found = set(ids)
            return ids + [pk for pk in french if pk not in found]
        return self.base.filter(Q(id__in=ids) | Q(id__in=french)).order_by().values("pk")

    def ranked_in_both_languages(self, queryset):
        """The pks of the text's matches within ``queryset`` by relevance, in the guide's
        language first, then in French (a database backend ranks one language at a time)."""
        require_all = not self.broadened
        ranked = [page.pk for page in self.text_matches(queryset, require_all=require_all)]
        found = set(ranked)
        french = self.french.text_matches(
            queryset.filter(locale_id=self.french_locale), require_all=require_all
        )
        return ranked + [page.pk for page in french if page.pk not in found]

    def text_ids(self):
        """The ids of the fiches matching the text (computed once): every concept if that
        finds a fiche of the base, else any of them (``broadened``), else the same with typos
        forgiven or corrected (unless ``exact``)."""
        if not hasattr(self, "_text_ids"):
            ids = self.matching_ids(require_all=True)
            if not self.base.filter(id__in=ids).exists():
                ids = self.matching_ids(require_all=False)
                self.broadened = True
                if not self.exact and not self.base.filter(id__in=ids).exists():
                    ids = self.typo_ids() or ids
            self._text_ids = ids
        return self._text_ids

    # Typos ----------------------------------------------------------------------------------

    def typo_ids(self):
        """When no fiche holds any of the words: the fiches found with typos forgiven
        (Elasticsearch), else with the corrected text (database backends), else None."""
        if getattr(self.backend, "supports_fuzzy", False):
            return self.fuzzy_ids()
        return self.corrected_ids()

    def fuzzy_ids(self):
        for require_all in attempts(self.parsed):
            query = self.parsed.as_query(require_all, fuzzy=True)
            ids = self.backend.ranked_ids(self.base, query)
            if self.base.filter(id__in=ids).exists():
                self.fuzzy, self.broadened = True, not require_all
                return ids
        return None

    def vocabulary(self):
        """The texts whose words are right spellings: the titles, operators (name and
        acronym) and programmes of the base's fiches, as one column."""
        fiches = self.base.order_by()
        titles = AidPage.objects.filter(pk__in=fiches.values("pk")).order_by()
        operators = Organisation.objects.filter(pk__in=fiches.values("operator_id")).order_by()
        programmes = FundingProgramme.objects.filter(pk__in=fiches.values("programme_id"))
        return titles.values_list("title").union(
            operators.values_list("name"),
            operators.values_list("acronym"),
            programmes.order_by().values_list("name"),
            all=True,
        )

    def corrected_ids(self):
        text = corrected_text(self.params.get("q", ""), self.vocabulary(), self.language)
        if text is None:
            return None
        typed = self.parsed, self.french and self.french.parsed
        self.parsed = parse_query(text, language=self.language)
        if self.french is not None:
            self.french.parsed = parse_query(text, language=self.french.language)
        for require_all in attempts(self.parsed):
            ids = self.matching_ids(require_all)
            if self.base.filter(id__in=ids).exists():
                self.corrected, self.broadened = text, not require_all
                return ids
        self.parsed = typed[0]
        if self.french is not None:
            self.french.parsed = typed[1]
        return None

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
            if self.french is not None:
                return RankedIds(queryset, self.ranked_in_both_languages(queryset))
            return self.text_matches(queryset, require_all=not self.broadened)
        queryset = self.with_text(queryset)
        if sort == "recent":
            return SortedById(queryset, ("-first_published_at", "-pk"))
        return SortedById(queryset, CLOSING_SOON_FIRST)

    def facet_counts(self):
        """{param: {slug: number of fiches}} for every option of every filter, in one query
        whatever the number of fiches, cases, filters and options: each filter's counts are a
        part (``relation_facet_rows``, ``criteria_facet_rows``), the parts joined by
        ``UNION ALL``, each row a (filter, option, count)."""
        parts = []
        for name in self.facets:
            fiches = self.with_text(self.filtered(exclude_facet=name)).order_by()
            if name in CRITERIA_FACETS:
                parts.append(self.criteria_facet_rows(name, fiches))
            else:
                parts.append(self.relation_facet_rows(name, fiches))
        if not parts:
            return {}
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        counted = {name: {} for name in self.facets}
        for name, slug, n in rows:
            counted[name][slug] = n or 0
        counts = {}
        for name in self.facets:
            slugs = self.options.get(name)
            if name not in CRITERIA_FACETS:
                slugs = slugs or list(counted[name])  # no options given: those found
            elif slugs is None:
                slugs = list(counted[name])
            counts[name] = {slug: counted[name].get(slug, 0) for slug in slugs}
        return counts

    def relation_facet_rows(self, name, fiches):
        """(name, slug, count) of the options of a many-to-many filter that ``fiches`` have,
        counted on the many-to-many table (one row per fiche and value: no DISTINCT over
        joined fiche rows)."""
        field = AidPage._meta.get_field(self.facets[name])
        through = field.remote_field.through
        slug = f"{field.m2m_reverse_field_name()}__slug"
        return (
            through.objects.filter(aidpage_id__in=fiches.values("pk"))
            .order_by()
            .values(slug)
            .annotate(facet=Value(name, output_field=CharField()), n=Count("pk"))
            .values_list("facet", slug, "n")
        )

    def criteria_facet_rows(self, name, fiches):
        """(name, slug, count) for every option (of ``options``): the fiches of the other
        filters that the option admits with the other business filters, in one of their cases
        (``prefilter.OptionRow``), one row of the vocabulary each.

        The option's count reads the other filters' fiches as an uncorrelated ``pk IN``
        subquery of ``guide_aidpage`` alone: PostgreSQL hashes them once for all the options
        (and needs no join to ``wagtailcore_page`` per option), where a count over the
        filtered queryset itself computed them again for each option (at 2 000 fiches the
        listing's facets went from about 150 to 60 ms)."""
        vocabulary = AidPage._meta.get_field(self.facets[name]).related_model
        slugs = self.options.get(name)
        rows = (
            vocabulary.objects.all() if slugs is None else vocabulary.objects.filter(slug__in=slugs)
        )
        values = self.criteria_values(exclude_facet=name)
        values[CRITERIA_FACETS[name]] = OptionRow(vocabulary)
        admitted = (
            AidPage.objects.filter(pk__in=fiches.values("pk"))
            .filter(eligible_q(**values))
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")
        )
        return (
            rows.order_by()
            .annotate(facet=Value(name, output_field=CharField()), n=Subquery(admitted))
            .values_list("facet", "slug", "n")
        )

    def status_counts(self):
        queryset = self.with_text(self.filtered(with_status=False))
        aggregates = {
            value: Count("pk", filter=status_filter_q(value, self.on)) for value in StatusFilter
        }
        if self.french_locale is not None:  # in the same query
            shown = status_filter_q(self.status_filter, self.on)
            aggregates["in_french"] = Count("pk", filter=shown & Q(locale_id=self.french_locale))
        return queryset.aggregate(**aggregates)

    def run(self):
        results = self.ordered_results()
        status_counts = self.status_counts()
        in_french = status_counts.pop("in_french", 0)
        total = status_counts[self.status_filter]
        if isinstance(results, (SortedById, RankedIds)):
            results._count = total  # already counted, with the same filters
        elif hasattr(results, "_count_cache"):  # a database backend's ranking, the same fiches
            results._count_cache = total
        return SearchOutcome(
            results=results,
            total=total,
            facets=self.facet_counts(),
            status_counts=status_counts,
            broadened=self.broadened,
            query=self.parsed,
            in_french=in_french,
            corrected=self.corrected,
            fuzzy=self.fuzzy,
        )


def listing_search(base, form, params, **kwargs):
    """The listing's search over ``base`` for the parameters read by ``form`` (an
    ``AidFilterForm``): the listing page, the embeds and the calendars share it, so the same
    URL parameters select the same fiches everywhere."""
    facets = {name: relation for name, (relation, _model) in form.FACETS.items()}
    return FicheSearch(base, params, facets=facets, **kwargs)
