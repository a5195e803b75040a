"""The demo's two territories side by side: each site's public addresses show its own fiches,
programmes and referral note, never the other's (the end-to-end counterpart of
test_site_isolation.py, on the real demo content)."""

import re
from decimal import Decimal
from html import unescape

import pytest
from wagtail.models import Site

from demo import second_territory
from guide.models import AidPage, GuideSettings
from results.models import ResultsPage
from tests.results.test_pages import charts_of

pytestmark = pytest.mark.django_db

FIRST = "localhost"
SECOND = second_territory.HOSTNAME

# Every public address that lists fiches or programmes, on both sites.
ADDRESSES = [
    "/",
    "/aides/",
    "/aides/?q=pret",
    "/aides/mon-projet/?projet=creer",
    "/aides/flux/nouveautes/",
    "/aides/calendrier/",
    "/recherche/suggestions/?q=fonds",
    "/revitalisation-en-chiffres/",
    "/revitalisation-en-chiffres/chiffres-csv/",
    "/sitemap.xml",
    "/api/v1/aides/",
    "/donnees/dispositifs-aide.csv",
    "/donnees/dispositifs-aide.json",
]


@pytest.fixture
def titles(demo_guide, db):
    """The French fiche titles and programme names of each site (a few queries: read again
    for each test, it is no module-scoped fixture holding the database for the module)."""
    by_site = {}
    for site in Site.objects.all():
        fiches = AidPage.objects.live().descendant_of(site.root_page)
        programmes = site.funding_programmes.all()
        by_site[site.hostname] = {
            "fiches": [f.title for f in fiches],
            "programmes": [p.name for p in programmes],
        }
    return by_site


def body(client, address, host):
    response = client.get(address, headers={"host": host})
    assert response.status_code == 200, (address, host, response.status_code)
    content = b"".join(response) if response.streaming else response.content
    text = content.decode()
    # JSON escapes non-ASCII characters and apostrophes: compare the decoded text.
    text = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return unescape(text)


@pytest.mark.parametrize("address", ADDRESSES)
def test_each_site_shows_none_of_the_others_fiches_or_programmes(client, titles, address):
    for host, other in ((FIRST, SECOND), (SECOND, FIRST)):
        text = body(client, address, host)
        leaked = [t for t in titles[other]["fiches"] + titles[other]["programmes"] if t in text]
        assert not leaked, (address, host, leaked[:3])


def test_both_sites_run_with_their_own_fiches_and_programmes(client, titles):
    assert len(titles[SECOND]["fiches"]) == 3
    assert titles[SECOND]["programmes"] == [second_territory.PROGRAMME["name"]]
    second_listing = body(client, "/aides/", SECOND)
    assert all(title in second_listing for title in titles[SECOND]["fiches"])
    first_listing = body(client, "/aides/", FIRST)
    assert sum(title in first_listing for title in titles[FIRST]["fiches"]) >= 10


def test_each_fiche_carries_its_own_sites_referral_note(client, demo_guide):
    first = GuideSettings.for_site(Site.objects.get(hostname=FIRST)).referral_note
    second = GuideSettings.for_site(Site.objects.get(hostname=SECOND)).referral_note
    assert first != second
    text = body(client, "/aides/fonds-revitalisation-adie/", SECOND)
    assert second in text and first not in text
    text = body(client, "/aides/katalyse-pmi-val-de-marne/", FIRST)
    assert first in text and second not in text


def test_each_site_has_its_own_name_in_the_header(client, demo_guide):
    assert "Bouches-du-Rhône" in body(client, "/", SECOND)
    assert "Bouches-du-Rhône" not in body(client, "/", FIRST)


def test_an_english_address_of_the_french_only_site_leads_to_the_french_page_with_a_notice(
    client, demo_guide
):
    response = client.get("/en/", headers={"host": SECOND})
    assert response.status_code == 302
    assert response["Location"] == "/?traduction-absente=en"
    text = body(client, response["Location"], SECOND)
    assert '<html lang="fr"' in text
    assert 'lang="en">This page has not been translated yet' in text
    # The route and the query string are kept.
    response = client.get(
        "/en/revitalisation-en-chiffres/programmes/fonds-mutualises-bouches-du-rhone/?x=1",
        headers={"host": SECOND},
    )
    assert response["Location"] == (
        "/revitalisation-en-chiffres/programmes/fonds-mutualises-bouches-du-rhone/"
        "?x=1&traduction-absente=en"
    )
    assert body(client, response["Location"], SECOND).count("Fonds départementaux") >= 1
    # The first site's English home is a translation: served as it is.
    assert client.get("/en/", headers={"host": FIRST}).status_code == 200


def test_demo_bouches_du_rhone_results_page_shows_the_seed_figures(client, demo_guide):
    site = Site.objects.get(hostname="fonds13.localhost")
    page = ResultsPage.objects.descendant_of(site.root_page).get()
    response = client.get("/revitalisation-en-chiffres/", headers={"host": "fonds13.localhost"})
    assert response.status_code == 200
    html = response.content.decode()
    text = re.sub(r"\s+", " ", html.replace("\u202f", " ").replace("\xa0", " "))
    assert "1 100" in text and "170" in text and "1 325 000 €" in text
    assert "12 avril 2023" in text
    reader = charts_of(html)
    assert reader.drawn["total-montants"][("unsplit", "2019–2022")] == Decimal("1325000")
    assert page.title in html
    # None of the first territory's programmes.
    assert "Conventions de revitalisation du Grand-Orly Seine Bièvre" not in html
