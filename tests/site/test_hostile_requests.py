"""Hostile requests to the public site: whatever a visitor or a bot sends in the parameters or
the path of any public page, never a 5xx and never markup reflected unescaped; whatever an
editor types in a fiche, rendered escaped; no form accepted without its CSRF token.

Hypothesis draws the values (random text, long strings, null bytes, SQL, Lucene and FTS5
syntax, HTML payloads, huge and negative numbers, repeated parameters) and raw query strings
with broken percent-encodings. The test client re-raises a view's exception, so a crash fails
with its traceback. The API has its own fuzzing (tests/api/test_api_fuzz.py).
"""

from urllib.parse import quote, urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from guide.models import AidContact
from guide.models.aid_page import DESCRIPTION_FEATURES
from tests.support.factories import AidPageFactory, ContactFactory, FinancialComponentFactory
from transfer.cells import HtmlCodec

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    'title:(prêt OR aide)~2 ^3 "unclosed',
    'NEAR(a b) * - "',
    "\x00",
    "%00",
    "-1",
    "0",
    str(10**30),
    "1e309",
    "NaN",
    "x" * 10_000,
]
MARKUP = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
LISTING_PARAMETERS = [
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
]
EMBED_PARAMETERS = [*LISTING_PARAMETERS, "n", "couleur", "compact"]
QUESTIONNAIRE_PARAMETERS = [
    "commune",
    "anciennete",
    "effectif",
    "secteur",
    "projet",
    "emplois",
    "alternants",
    "investissement",
    "implantation",
    "aide",
    "total",
]
# Public pages taking the listing's parameters (the French and English guides, the embeds, the
# calendars and feeds), and pages without parameters that must ignore them.
SURFACES = {
    "/aides/": LISTING_PARAMETERS,
    "/aides/calendrier/": LISTING_PARAMETERS,
    "/aides/flux/nouveautes/": LISTING_PARAMETERS,
    "/embed/aides/": EMBED_PARAMETERS,
    "/aides/mon-projet/": QUESTIONNAIRE_PARAMETERS,
    "/recherche/suggestions/": ["q"],
    "/": ["q", "traduction-absente"],
    "/donnees/": ["format"],
    "/sitemap.xml": ["p"],
}

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
values = st.one_of(text, st.sampled_from(PAYLOADS))

SETTINGS = hypothesis_settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def site(guide_index):
    cache.clear()
    loan = AidPageFactory(parent=guide_index, title="Prêt d'honneur", aid_types=["pret"])
    FinancialComponentFactory(page=loan, amount=15000)
    AidPageFactory(parent=guide_index, title="Subvention", territories=["COM-94081"])
    return guide_index


def check(response, url):
    assert response.status_code < 500, url
    if "html" in response.get("Content-Type", ""):
        body = response.content.decode()
        for markup in MARKUP:
            assert markup not in body, (markup, url)


@SETTINGS
@given(surface=st.sampled_from(sorted(SURFACES)), data=st.data())
def test_any_parameters_never_give_a_server_error(client, site, surface, data):
    names = st.one_of(st.sampled_from(SURFACES[surface]), text)
    pairs = data.draw(st.lists(st.tuples(names, values), max_size=8))  # repeated names too
    url = f"{surface}?{urlencode(pairs)}"
    check(client.get(url), url)


@SETTINGS
@given(
    surface=st.sampled_from(sorted(SURFACES)),
    raw=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=100),
    broken=st.sampled_from(["", "%ff%fe", "%", "%zz", "%c3%28", "%ed%a0%80", "%00", "&&=&"]),
)
def test_any_raw_query_string_never_gives_a_server_error(client, site, surface, raw, broken):
    url = f"{surface}?{quote(raw, safe='%&=+')}{broken}"
    check(client.get(url), url)


@SETTINGS
@given(
    prefix=st.sampled_from(["/aides/", "/en/", "/a/", "/embed/aide/", "/donnees/", "/"]),
    segment=st.one_of(text, st.sampled_from(PAYLOADS)),
)
def test_any_path_never_gives_a_server_error(client, site, prefix, segment):
    url = prefix + quote(segment.replace("\x00", "%00"), safe="") + "/"
    check(client.get(url), url)


def test_what_editors_type_is_rendered_escaped(client, guide_index):
    """Every text an editor types in a fiche, as markup: shown as text, never as markup."""
    payload = "<script>alert(1)</script>"
    # Rich text reaches the database through the editor's conversion (the admin form, and the
    # import: transfer/cells.py), which keeps only the field's features.
    description = HtmlCodec(DESCRIPTION_FEATURES).canonical(
        f"<p>Description</p>{payload}<p onclick='alert(1)'>Suite</p>"
    )
    assert "<script" not in description and "onclick" not in description
    fiche = AidPageFactory(
        parent=guide_index,
        title=f"Prêt {payload}",
        slug="pret-hostile",
        promesse=f"Promesse {payload}",
        description=description,
        eligibility=f"Condition {payload}",
        with_contact=False,
        operator__name=f"Opérateur {payload}",
    )
    FinancialComponentFactory(page=fiche, label=f"Volet {payload}", conditions=payload)
    AidContact.objects.create(
        page=fiche,
        contact=ContactFactory(name=f"Contact {payload}", role=payload),
        referral_note=f"Note {payload}",
    )
    fiche.save_revision().publish()
    for url in (fiche.url, guide_index.url, "/embed/aides/", guide_index.url + "flux/nouveautes/"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert payload not in body, url
        assert "alert(1)" in body or url == "/embed/aides/", url  # shown, as text


def test_no_form_is_accepted_without_its_csrf_token(guide_index, django_user_model):
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/admin/login/", {"username": "a", "password": "b"}).status_code == 403
    editor = Client(enforce_csrf_checks=True)
    editor.force_login(django_user_model.objects.create_superuser("e", "e@example.org", "pw"))
    for url in (
        f"/admin/pages/add/guide/aidpage/{guide_index.pk}/",
        "/admin/documents/add/",
        "/admin/logout/",
    ):
        assert editor.post(url, {}).status_code == 403, url
