"""Fuzzing the API's query parameters and paths: whatever a client sends, never a 5xx.

Hypothesis draws random strings, integers, floats, known values and repeated parameters for
every parameter of the list, random path segments for the detail, and raw query strings. The
test client re-raises a view's exception, so a crash fails with its traceback (and Hypothesis
prints the smallest example that causes it).
"""

from urllib.parse import quote, urlencode

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.support.factories import AidPageFactory, FinancialComponentFactory

API = "/api/v1/"
LIST = API + "aides/"
PARAMETERS = [
    "q",
    "type",
    "public",
    "secteur",
    "etape",
    "commune",
    "effectif",
    "statut",
    "tri",
    "page",
    "page_size",
    "lang",
]
KNOWN_VALUES = [
    "",
    "pret",
    "subvention",
    "tpe",
    "industrie",
    "creation",
    "vitry-sur-seine",
    "ouvert",
    "bientot",
    "tous",
    "cloture",
    "pertinence",
    "recent",
    "fr",
    "en",
    "0",
    "1",
    "2",
    "100",
    "-1",
    "1000000",
    "1000001",
    "prêt d'honneur",
    '"prêt" OR NEAR(a b) * ^ -',
    "\x00",
]

# Any text a URL can carry (lone surrogates cannot be encoded in UTF-8).
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
values = st.one_of(
    text,
    st.sampled_from(KNOWN_VALUES),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
names = st.one_of(st.sampled_from(PARAMETERS), st.sampled_from(["page[]", "inconnu"]), text)
# Repeated names give lists (type=a&type=b), as a partner's filters do.
query_pairs = st.lists(st.tuples(names, values), max_size=12)
raw_queries = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=120)

FUZZ = hypothesis_settings(
    max_examples=150,
    deadline=None,
    database=None,  # nothing written to .hypothesis/
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def fiches(guide_index, settings):
    """A few fiches to find, and no rate limit (Hypothesis sends hundreds of requests)."""
    settings.GUIDE_API_RATE_LIMIT = None
    cache.clear()
    loan = AidPageFactory(parent=guide_index, title="Prêt d'honneur création", aid_types=["pret"])
    FinancialComponentFactory(page=loan, amount=15000)
    AidPageFactory(parent=guide_index, title="Subvention recrutement", territories=["COM-94081"])
    AidPageFactory(parent=guide_index, title="Accompagnement", aid_types=["accompagnement"])
    return loan


def check_answer(response, url):
    assert response.status_code < 500, url
    assert response.status_code in (200, 400, 404), (response.status_code, url)
    body = response.json()
    if response.status_code == 200:
        return body
    assert isinstance(body["detail"], str) and body["detail"], url
    return body


@pytest.mark.django_db
@FUZZ
@given(pairs=query_pairs)
def test_any_list_parameters_never_give_a_server_error(client, fiches, pairs):
    url = f"{LIST}?{urlencode(pairs)}"
    body = check_answer(client.get(url), url)
    if "results" in body:
        assert isinstance(body["count"], int) and len(body["results"]) <= body["count"]


@pytest.mark.django_db
@FUZZ
@given(raw=raw_queries)
def test_any_raw_query_string_never_gives_a_server_error(client, fiches, raw):
    # Keep '%', '&', '=' and '+' as typed: broken escapes and empty names reach the parser.
    url = f"{LIST}?{quote(raw, safe='%&=+')}"
    check_answer(client.get(url), url)


PUBLISHED = "<the published loan's id>"
uuid_like = st.one_of(
    st.uuids().map(str),
    st.uuids().map(lambda value: value.hex),
    st.uuids().map(lambda value: str(value).upper()),
    st.uuids().map(lambda value: f"{{{value}}}"),
    st.uuids().map(lambda value: f"urn:uuid:{value}"),
)


@pytest.mark.django_db
@FUZZ
@given(
    segment=st.one_of(text.filter(bool), uuid_like, st.just(PUBLISHED)),
    lang=st.one_of(st.none(), values),
)
def test_any_detail_path_never_gives_a_server_error(client, fiches, segment, lang):
    if segment == PUBLISHED:
        segment = str(fiches.aid_uuid)
    url = f"{LIST}{quote(segment, safe='')}/"
    if lang is not None:
        url += "?" + urlencode({"lang": lang})
    body = check_answer(client.get(url), url)
    if "titre" in body:
        assert body["id"] == str(fiches.aid_uuid)


@pytest.mark.django_db
@hypothesis_settings(FUZZ, max_examples=60)
@given(path=text, pairs=query_pairs)
def test_any_other_address_under_the_api_never_gives_a_server_error(client, fiches, path, pairs):
    url = f"{API}{quote(path)}?{urlencode(pairs)}"
    response = client.get(url)
    assert response.status_code < 500, url
