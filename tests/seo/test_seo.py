"""Search engines and link previews: canonical, hreflang, OpenGraph, JSON-LD, sitemap, robots."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from tests.support.factories import AidPageFactory, FinancialComponentFactory

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def json_ld(content):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return [json.loads(block) for block in blocks]


def meta(content, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', content)
    return match and match.group(1)


@pytest.fixture
def fiche(guide_index):
    page = AidPageFactory(
        parent=guide_index,
        title="Prêt Alixio",
        slug="alixio",
        aid_types=["pret"],
        closing_date=datetime.date(2099, 12, 31),
    )
    FinancialComponentFactory(
        page=page, aid_type=page.aid_types.get(), amount=15000, ceiling=225000
    )
    return page


@pytest.mark.django_db
def test_a_fiche_has_canonical_and_preview_meta(client, fiche):
    content = client.get("/aides/alixio/").content.decode()
    assert '<link rel="canonical" href="http://localhost/aides/alixio/">' in content
    assert meta(content, "property", "og:title") == "Prêt Alixio"
    description = meta(content, "property", "og:description")
    assert fiche.promesse in description and "31 décembre 2099" in description
    assert meta(content, "name", "twitter:card") == "summary"
    assert meta(content, "property", "og:locale") == "fr_FR"


@pytest.mark.django_db
def test_a_fiche_describes_itself_as_a_government_service(client, fiche):
    service, breadcrumb = json_ld(client.get("/aides/alixio/").content.decode())
    assert service["@type"] == "GovernmentService"
    assert service["name"] == "Prêt Alixio" and service["identifier"] == str(fiche.aid_uuid)
    assert service["serviceOperator"]["name"] == fiche.operator.name
    assert service["provider"]["name"] == "Grand-Orly Seine Bièvre"
    assert [area["name"] for area in service["areaServed"]] == [
        t.name for t in fiche.territories.all()
    ]
    [offer] = service["offers"]
    assert offer["price"] == "15000.00" and offer["priceCurrency"] == "EUR"
    assert offer["validThrough"] == "2099-12-31"
    assert breadcrumb["@type"] == "BreadcrumbList"
    assert [item["position"] for item in breadcrumb["itemListElement"]] == [1, 2, 3]
    assert breadcrumb["itemListElement"][-1]["item"] == "http://localhost/aides/alixio/"


@pytest.mark.django_db
def test_json_ld_cannot_close_its_script_element(client, guide_index):
    AidPageFactory(parent=guide_index, slug="x", title="Aide </script><script>alert(1)")
    content = client.get("/aides/x/").content.decode()
    assert "</script><script>alert(1)" not in content
    assert json_ld(content)[0]["name"] == "Aide </script><script>alert(1)"


@pytest.mark.django_db
def test_sitemap_lists_every_language_with_alternates(client, guide, fiche):
    home, index = guide
    fiche.save_revision().publish()  # as an editor does: sets last_published_at
    draft = AidPageFactory(parent=index, slug="brouillon", live=False)
    english = Locale.objects.create(language_code="en")
    for page in (home, index):
        page.copy_for_translation(english, copy_parents=False).save_revision().publish()
    translated = fiche.copy_for_translation(english)
    translated.slug = "alixio-loan"
    translated.save_revision().publish()

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = {url.find("s:loc", SITEMAP_NS).text: url for url in root.findall("s:url", SITEMAP_NS)}
    assert "http://localhost/aides/alixio/" in urls
    assert "http://localhost/en/aides/alixio-loan/" in urls
    assert not any(draft.slug in loc for loc in urls)
    links = {
        link.get("hreflang"): link.get("href")
        for link in urls["http://localhost/aides/alixio/"].findall("x:link", SITEMAP_NS)
    }
    assert links == {
        "fr": "http://localhost/aides/alixio/",
        "en": "http://localhost/en/aides/alixio-loan/",
        "x-default": "http://localhost/aides/alixio/",
    }
    assert urls["http://localhost/aides/alixio/"].find("s:lastmod", SITEMAP_NS) is not None
    # The guide's questionnaire, in both languages.
    questionnaire = {
        link.get("hreflang"): link.get("href")
        for link in urls["http://localhost/aides/mon-projet/"].findall("x:link", SITEMAP_NS)
    }
    assert questionnaire["en"] == "http://localhost/en/aides/mon-projet/"
    assert sum(1 for loc in urls if loc.endswith("/mon-projet/")) == 2
    # The page itself links to its translation.
    content = client.get("/aides/alixio/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://localhost/en/aides/alixio-loan/">' in (
        content
    )


@pytest.mark.django_db
def test_robots_txt(client, guide):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text and "Disallow: /embed/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
