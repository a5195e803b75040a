"""Every public page is valid HTML, checked by the Nu HTML Checker
(tests/support/html_validation.py;
skipped, with the reason, without Java or vnu.jar). One Java run checks all the pages at once.
"""

import pytest

from demo import second_territory
from guide.models import AidPage
from permalinks.models import PermanentLink
from tests.support.html_validation import validate

pytestmark = pytest.mark.django_db

PAGES = {
    "home": "/",
    "listing": "/aides/",
    "search": "/aides/?q=pr%C3%AAt&statut=tous",
    "filtered": "/aides/?type=pret&public=tpe&commune=vitry-sur-seine&effectif=12",
    "invalid-filters": "/aides/?effectif=abc&q=" + "x" * 300,
    "no-results": "/aides/?q=introuvable&type=garantie",
    "page-2": "/aides/?statut=tous&page=2",
    "questionnaire": "/aides/mon-projet/",
    "questionnaire-results": "/aides/mon-projet/?commune=Vitry-sur-Seine&anciennete=8&effectif=12"
    "&secteur=industrie&projet=recruter&emplois=3",
    "questionnaire-errors": "/aides/mon-projet/?commune=Atlantide&effectif=-3",
    "fiche": "/aides/alixio-pme-pmi-val-de-marne-essonne/",
    "closed-fiche": "/aides/katalyse-pmi-val-de-marne/",
    "fiche-with-deadline": "/aides/premier-recrutement-tpe/",
    "legal": "/mentions-legales/",
    "accessibility": "/accessibilite/",
    "personal-data": "/donnees-personnelles/",
    "sitemap": "/plan-du-site/",
    "open-data": "/donnees/",
    "embed-list": "/embed/aides/?type=pret&compact=1",
    "404": "/cette-page-n-existe-pas/",
    "results": "/revitalisation-en-chiffres/",
    "programme": "/revitalisation-en-chiffres/programmes/fonds-territorial-bievre-avenir-fictif/",
}
# The second territory's site, on its own host name.
SECOND_SITE_PAGES = {
    "second-home": "/",
    "second-fiche": "/aides/ampa-aix-marseille-provence-amorcage/",
    "second-results": "/revitalisation-en-chiffres/",
}
STATUS = {"404": 404, "gone": 410}


def test_public_pages_are_valid_html(demo_guide, client, tmp_path):
    demo_guide.per_page = 10
    demo_guide.save_revision().publish()
    pages = dict(PAGES)
    # Pages whose address depends on the data: an embedded card (by permanent code) and the
    # 410 page of a deleted fiche.
    fiche = AidPage.objects.get(slug="alixio-pme-pmi-val-de-marne-essonne")
    pages["embed-card"] = f"/embed/aide/{PermanentLink.objects.get(aid_uuid=fiche.aid_uuid).code}/"
    # The aid deleted with its English version (a live version would be redirected to).
    bus = AidPage.objects.get(slug="bus-entrepreneuriat-orly")
    for version in AidPage.objects.filter(aid_uuid=bus.aid_uuid):
        version.delete()
    pages["gone"] = "/aides/bus-entrepreneuriat-orly/"
    contents = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == STATUS.get(name, 200), name
        contents[name] = response.content
    for name, url in SECOND_SITE_PAGES.items():
        response = client.get(url, headers={"host": second_territory.HOSTNAME})
        assert response.status_code == 200, name
        contents[name] = response.content
    assert validate(contents, tmp_path) == []
