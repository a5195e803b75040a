"""The listing's queries on the demo guide (issue 25): every facet count in one query, whatever
the number of active filters and options; the filter form, the chosen commune's territories
and the query's vocabulary read from the shared values (no query once read), and read again
when an editor changes them. That the counts themselves are right (each the number of results
with that option alone) is tests/guide/test_listing_cases_demo.py's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.memo import forget
from guide.listing.filters import AidFilterForm
from guide.models import Sector, Territory
from search.models import SynonymGroup
from search.query import parse_query
from tests.guide.test_listing_cases import search_for

pytestmark = pytest.mark.django_db

QUERIES = [
    {},
    {"type": ["pret"]},
    {"statut": ["tous"], "commune": ["athis-mons"], "secteur": ["commerce", "industrie"]},
    {
        "q": ["emploi"],
        "type": ["pret", "subvention"],
        "public": ["tpe", "pme"],
        "secteur": ["commerce"],
        "etape": ["creer"],
        "commune": ["vitry-sur-seine"],
        "effectif": ["12"],
    },
]


def queries_of(function):
    with CaptureQueriesContext(connection) as context:
        value = function()
    return value, len(context.captured_queries)


@pytest.mark.parametrize("query", QUERIES)
def test_every_facet_count_in_one_query(demo_guide, query):
    search = search_for(demo_guide, query)
    outcome = search.run()  # reads the shared values and the text's matches once
    counts, queries = queries_of(search.facet_counts)
    assert queries == 1
    assert counts == outcome.facets
    assert set(counts) == set(AidFilterForm.FACETS)
    assert all(len(counts[name]) >= 2 for name in counts)  # every option counted, even at 0


def test_the_search_queries_do_not_grow_with_the_filters(demo_guide):
    search_for(demo_guide, QUERIES[-1]).run()  # the shared values are read
    _, plain = queries_of(lambda: search_for(demo_guide, {}).run())
    _, filtered = queries_of(lambda: search_for(demo_guide, QUERIES[2]).run())
    # The status counts, then the facets: the filters add no query.
    assert plain == filtered == 2


def test_the_form_and_the_communes_territories_are_read_once(demo_guide):
    assert search_for(demo_guide, {"commune": ["orly"]}).territory_ids  # read them once
    search = search_for(demo_guide, {"commune": ["vitry-sur-seine"]})
    ids, queries = queries_of(lambda: (AidFilterForm({}), search.territory_ids)[1])
    assert queries == 0
    vitry = Territory.objects.get(slug="vitry-sur-seine")
    assert set(ids) == {territory.pk for territory in vitry.with_ancestors()}
    assert ids[0] == vitry.pk and len(ids) > 2  # the commune, its EPT, département, région...


def test_the_form_reads_a_renamed_option_at_once(demo_guide):
    choices = dict(AidFilterForm({}).fields["secteur"].choices)
    sector = Sector.objects.get(slug="commerce")
    sector.name = "Commerce de détail"
    sector.save()
    forget()  # the next request
    assert dict(AidFilterForm({}).fields["secteur"].choices)["commerce"] == "Commerce de détail"
    assert choices["commerce"] != "Commerce de détail"


def test_a_new_synonym_group_is_read_at_once(demo_guide):
    _, queries = queries_of(lambda: parse_query("tremplin"))
    assert queries <= 1
    _, queries = queries_of(lambda: parse_query("tremplin"))
    assert queries == 0
    assert len(parse_query("tremplin").concepts[0].alternatives) == 1
    SynonymGroup.objects.create(terms="tremplin, rebond")
    forget()
    assert {" ".join(words) for words in parse_query("tremplin").concepts[0].alternatives} == {
        "tremplin",
        "rebond",
    }
