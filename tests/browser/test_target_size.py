"""WCAG 2.2 on a phone: every public template's targets are at least 24 × 24 px (success
criterion 2.5.8, with its spacing and inline exceptions: tests/browser/target_size.js), and the
header leaves the screen to the content. One browser context, one pass over the pages."""

import uuid
from pathlib import Path

import pytest

from guide.models import AidPage
from permalinks.models import PermanentLink
from tests.browser.conftest import committed
from tests.browser.test_public_journeys import ALIXIO, PAGES, page_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MEASURE = (Path(__file__).parent / "target_size.js").read_text(encoding="utf-8")
PHONE = {"width": 375, "height": 812}
HEADER_MAX = 120  # px at 375 px wide: the first screen is the content's


def codes():
    """The permanent code of Alixio (its embeddable card), and the code of an aid gone from
    the guide (its 410 page): a link published once whose aid no fiche shows any more."""
    alixio = AidPage.objects.get(slug=ALIXIO.strip("/").split("/")[-1])
    gone = PermanentLink.objects.create(
        aid_uuid=uuid.uuid4(), code="GQNE7", title="Ancienne aide à l'export"
    )
    return PermanentLink.objects.for_uuid(alixio.aid_uuid).code, gone.code


def measure(page):
    result = page.evaluate(MEASURE)
    header = page.locator(".site-header")
    height = header.bounding_box()["height"] if header.count() else 0
    return result["failures"], result["smallest"], height


def test_every_public_target_is_24_px_and_the_header_is_compact_on_a_phone(demo_site, open_page):
    card, gone = committed(codes)
    pages = {
        **PAGES,
        "embed-card": f"/embed/aide/{card}/",
        "fiche-en-closed": "/en/business-aid/katalyse-support-for-manufacturers-val-de-marne/",
        "gone": f"/a/{gone}/",
    }
    page = open_page(**PHONE)
    problems, headers, smallest = {}, {}, {}
    for name, path in pages.items():
        response = page.goto(page_url(demo_site, name, path))
        assert response.status in (200, 404, 410), (name, response.status)
        failures, small, height = measure(page)
        if failures:
            problems[name] = failures
        headers[name] = height
        smallest[name] = small
    # The alert form's page (its errors), reached as a visitor does: from a search.
    page.goto(demo_site + "/aides/?q=pr%C3%AAt")
    page.locator(".alert-form").evaluate(
        "form => { form.noValidate = true; form.email.value = 'pas une adresse'; form.submit(); }"
    )
    page.wait_for_url("**/alertes/")
    assert page.locator(".form-errors").count() == 1
    failures, smallest["alert-errors"], headers["alert-errors"] = measure(page)
    if failures:
        problems["alert-errors"] = failures

    # On paper, the fiche's permanent link is printed as text; the rest of the share block is not.
    page.goto(demo_site + ALIXIO)
    page.emulate_media(media="print")
    printed = page.locator(".share__print")
    assert printed.is_visible()
    assert printed.inner_text() == f"Lien permanent : {demo_site}/a/{card}/"
    assert not page.locator("#share-link").is_visible()
    page.emulate_media(media="screen")
    assert not printed.is_visible()

    print("header heights:", headers)
    print("smallest:", min((s["size"], s["what"]) for s in smallest.values() if s))
    assert problems == {}
    assert {name: h for name, h in headers.items() if h > HEADER_MAX} == {}
    # The embeds have no header of the site; every other page has one.
    assert {name for name, h in headers.items() if not h} == {"embed-list", "embed-card"}


def test_the_measure_does_flag_small_and_crowded_targets(open_page):
    """The check above could pass by measuring nothing: a 13 px checkbox on a 20 px row, two
    links side by side in a list, a small button however far from the rest, and two links glued
    together in a sentence are flagged; a spaced link in a sentence is not."""
    page = open_page(**PHONE)
    page.set_content(
        '<!DOCTYPE html><html lang="fr"><head><title>t</title>'
        "<style>body{font:16px/20px sans-serif} ul{list-style:none;padding:0}"
        "input{width:13px;height:13px;margin:0} #alone{width:16px;height:16px;margin:40px}"
        "</style></head><body><main>"
        '<ul><li><label><input type="checkbox" id="a"> Prêt</label></li>'
        '<li><label><input type="checkbox" id="b"> Subvention</label></li></ul>'
        '<ul><li><a href="#1">Un</a> <a href="#2">Deux</a></li></ul>'
        '<p>Voir <a href="#3">la fiche</a> pour tout savoir.</p>'
        '<p>Appelez le <a href="#4">01</a><a href="#5">02</a> demain matin.</p>'
        '<button id="alone" type="button" aria-label="Fermer"></button>'
        "</main></body></html>"
    )
    failures = page.evaluate(MEASURE)["failures"]
    assert len(failures) == 7, failures
    assert sum("checkbox" in failure for failure in failures) == 2
    assert sum(f"« {name} »" in " ".join(failures) for name in ("Un", "Deux", "01", "02")) == 4
    assert any("Fermer" in failure for failure in failures)
    assert not any("la fiche" in failure for failure in failures)
