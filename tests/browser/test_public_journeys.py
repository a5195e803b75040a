"""A business owner's journeys through the public guide, in a real browser."""

import re

import pytest

from demo import second_territory
from tests.browser.conftest import axe_violations

# The tests only read the demo, committed and served by the module's live server
# (tests/browser/conftest.py): the database mark declares that they need the test database,
# and nothing needs emptying after them.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ALIXIO = "/aides/alixio-pme-pmi-val-de-marne-essonne/"
KATALYSE = "/aides/katalyse-pmi-val-de-marne/"


def test_on_a_phone_an_owner_searches_filters_and_finds_whom_to_call(
    demo_site, open_page, screenshots_dir
):
    page = open_page(width=375, height=812)
    page.goto(demo_site + "/")
    page.screenshot(path=screenshots_dir / "home-375.png", full_page=True)
    page.get_by_label("Rechercher une aide").fill("prêt à taux zéro")
    page.get_by_label("Rechercher une aide").press("Enter")
    page.wait_for_url(re.compile(r"/aides/\?q="))
    assert "pour « prêt à taux zéro »" in page.locator("#results-title").inner_text()

    page.get_by_text("Filtrer les aides").click()
    page.get_by_role("checkbox", name=re.compile(r"^Prêt \(")).check()
    page.get_by_role("button", name="Afficher les aides").click()
    page.wait_for_url(re.compile(r"type=pret"))
    page.screenshot(path=screenshots_dir / "listing-375.png", full_page=True)

    page.get_by_role("link", name=re.compile("^Alixio")).click()
    page.wait_for_url(re.compile(ALIXIO))
    contact = page.locator(".contact-card").first
    contact.scroll_into_view_if_needed()
    assert contact.is_visible()
    assert "À contacter de la part du Grand-Orly Seine Bièvre" in contact.inner_text()
    # The fiche's contact, a named person, has not agreed to be published in the demo: the
    # territory's business contact stands in (guide/public_contacts.py).
    assert contact.get_by_role("link", name=re.compile("Appeler")).get_attribute("href") == (
        "tel:+33199001000"
    )
    page.screenshot(path=screenshots_dir / "fiche-375.png", full_page=True)
    assert page.watcher.errors == []


def test_the_same_journey_by_keyboard_only(demo_site, open_page):
    page = open_page()
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")

    def tab_to(predicate, limit=120):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(predicate):
                return
        raise AssertionError(f"never reached by Tab: {predicate}")

    tab_to("document.activeElement.id === 'home-q'")
    page.keyboard.type("pépinière")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "pépinière" in page.locator("#results-title").inner_text()
    tab_to("document.activeElement.closest('.aid-card__title') !== null")
    title = page.evaluate("document.activeElement.textContent")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == title
    tab_to("document.activeElement.classList.contains('contact-link')")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused.startswith(("tel:", "mailto:"))


PAGES = {
    "home": "/",
    "listing": "/aides/",
    "search": "/aides/?q=pr%C3%AAt&statut=tous",
    "filtered": "/aides/?type=pret&commune=vitry-sur-seine",
    "no-results": "/aides/?q=introuvable",
    "no-results-filters": "/aides/?type=hebergement&etape=recrutement&commune=vitry-sur-seine",
    "no-results-closed": "/aides/?q=katalyse",
    "fiche": ALIXIO,
    "closed-fiche": KATALYSE,
    # Every section of a fiche: covered expenses, examples, steps and the application link.
    "fiche-apply": "/aides/modernisation-commerces/",
    "questionnaire": "/aides/mon-projet/",
    "questionnaire-results": "/aides/mon-projet/?commune=Vitry-sur-Seine&effectif=12"
    "&secteur=industrie&projet=recruter&emplois=3",
    "questionnaire-errors": "/aides/mon-projet/?commune=Atlantide&effectif=-1",
    "accessibility": "/accessibilite/",
    "sitemap": "/plan-du-site/",
    "404": "/cette-page-n-existe-pas/",
    "open-data": "/donnees/",
    # The embeds share one card template; the list shows several cards and the note.
    "embed-list": "/embed/aides/?type=pret&couleur=7a1f5c",
    # The English version (wagtail-localize translations of the demo).
    "home-en": "/en/",
    "listing-en": "/en/business-aid/?q=loan&statut=tous",
    "fiche-en": "/en/business-aid/alixio-sme-loans-and-grants/",
    "untranslated-notice": "/aides/pret-honneur-createurs/?traduction-absente=en",
    # Programmes and results: SVG charts with their tables.
    "results": "/revitalisation-en-chiffres/",
    "programme": "/revitalisation-en-chiffres/programmes/"
    "conventions-de-revitalisation-du-grand-orly-seine-bievre/",
    "results-en": "/en/revitalisation-in-figures/",
    # The second territory, on its own host name (Chromium resolves *.localhost to this machine).
    "second-home": "/",
    "second-listing": "/aides/",
    "second-fiche": "/aides/fonds-revitalisation-adie/",
    "second-results": "/revitalisation-en-chiffres/",
    "second-programme": "/revitalisation-en-chiffres/programmes/fonds-mutualises-bouches-du-rhone/",
}


def page_url(base, name, path):
    """The address of a page of PAGES: the second territory's on its own host name."""
    if name.startswith("second-"):
        base = base.replace("://localhost", f"://{second_territory.HOSTNAME}", 1)
    return base + path


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_violation_and_the_console_stays_clean(
    demo_site, open_page, screenshots_dir, width
):
    page = open_page(width=width)
    problems = {}
    for name, path in PAGES.items():
        response = page.goto(page_url(demo_site, name, path))
        assert response.status == (404 if name == "404" else 200), name
        violations = axe_violations(page)
        if violations or page.watcher.errors:
            problems[name] = {"axe": violations, "console": list(page.watcher.errors)}
        page.watcher.errors.clear()
        if width == 1280 and name in ("home", "listing", "fiche"):
            page.screenshot(path=screenshots_dir / f"{name}-1280.png", full_page=True)
    # The 404 status itself is logged by Chromium as a failed resource load: expected there.
    problems.get("404", {}).get("console", []).clear()
    problems = {k: v for k, v in problems.items() if v["axe"] or v["console"]}
    assert problems == {}


def test_filters_work_without_javascript(demo_site, open_page):
    page = open_page(width=375, javascript=False)
    page.goto(demo_site + "/aides/")
    page.get_by_text("Filtrer les aides").click()
    page.get_by_role("checkbox", name=re.compile(r"^Hébergement")).check()
    page.get_by_label("Votre commune").select_option(label="Cachan")
    page.get_by_role("button", name="Afficher les aides").click()
    page.wait_for_url(
        re.compile(r"type=hebergement.*commune=cachan|commune=cachan.*type=hebergement")
    )
    titles = page.locator(".aid-card__title").all_inner_texts()
    assert titles and all("Essonne" not in title for title in titles)
    assert "La Fabrique – Pépinière et hôtel d'entreprises à Cachan" in titles


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_owner_of_a_metalworks_answers_the_questionnaire(
    demo_site, open_page, screenshots_dir, javascript
):
    """The issue's scenario: 12 people in Vitry, hiring 3, on a phone, with or without
    JavaScript; what was typed stays in the form, the result is axe clean."""
    page = open_page(width=375, height=812, javascript=javascript)
    page.goto(demo_site + "/")
    page.locator(".hero").get_by_role("link", name="Quelles aides pour mon projet ?").click()
    page.wait_for_url(re.compile(r"/aides/mon-projet/$"))
    page.get_by_label("Votre commune").fill("vitry")
    page.get_by_label("Nombre de salariés").fill("12")
    page.get_by_label("Secteur d'activité").select_option(label="Industrie")
    page.get_by_role("checkbox", name="Recruter").check()
    page.get_by_label("Nombre d'emplois en CDI à créer").fill("3")
    page.get_by_role("button", name="Voir les aides pour mon projet").click()
    page.wait_for_url(re.compile(r"effectif=12.*emplois=3"))
    fits = page.locator("section", has=page.locator("#resultats"))
    alixio = fits.locator("article", has_text="Alixio")
    assert "Vous créez 3 emplois en CDI : minimum 3 requis" in alixio.inner_text()
    amount = alixio.locator(".estimate__amount").first.inner_text()
    assert amount == "45\u202f000\xa0€"
    # What was typed is still in the form; nothing is wider than the phone's screen.
    assert page.get_by_label("Votre commune").input_value() == "vitry"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    if javascript:  # axe runs in the page: with JavaScript (the markup is the same without)
        assert axe_violations(page) == []
        assert page.watcher.errors == []
        page.screenshot(path=screenshots_dir / "questionnaire-375.png", full_page=True)
    # The total follows the aids the owner keeps.
    page.get_by_role("checkbox", name=re.compile("^Alixio")).uncheck()
    page.get_by_role("button", name="Recalculer").click()
    page.wait_for_url(re.compile(r"emplois=3.*#estimation$"))
    # Without Alixio no loan is counted: the loans' line is left out, never « 0 € ».
    totals = page.locator(".match-total").inner_text()
    assert "Prêts (à rembourser)" not in totals
    assert not re.search(r"(?<![\d\u202f])0\xa0€", totals)


def test_axe_does_report_violations(open_page):
    """The check above could pass by not running: a broken page must be flagged."""
    page = open_page()
    page.set_content(
        '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main>'
        '<img src="data:,"><input type="text"></main></body></html>'
    )
    ids = {violation.split(" ")[0] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= ids


@pytest.mark.parametrize(
    "path",
    ["/api/v1/docs/", "/embed/aides/?type=pret&couleur=7a1f5c", "/admin/login/"],
)
def test_the_content_security_policy_blocks_nothing_the_site_needs(demo_site, open_page, path):
    """Pages outside the axe list above, each under its own policy (core/security.py): the
    API's documentation (Swagger UI), an embed with a partner's colour, the admin's login. A
    CSP violation is a console error."""
    page = open_page(width=1280)
    response = page.goto(demo_site + path)
    assert response.status == 200
    assert "Content-Security-Policy" in {name.title() for name in response.headers}
    page.wait_for_load_state("networkidle")
    assert list(page.watcher.errors) == []


def test_on_a_phone_no_search_ends_in_a_dead_end(demo_site, open_page):
    """Without JavaScript, at 375 px: a mistyped address gives a search box that lands on
    results; a search that finds nothing says why, then offers the questionnaire before the
    territory's phone, and the alert last (tests/guide/test_no_dead_ends.py for the details)."""
    page = open_page(width=375, height=812, javascript=False)
    response = page.goto(demo_site + "/une-adresse-perimee/")
    assert response.status == 404
    page.get_by_label("Rechercher une aide").fill("prêt d'honneur")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/aides/\?q="))
    assert page.locator(".aid-card").count() > 0

    page.goto(demo_site + "/aides/?q=introuvable")
    block = page.locator(".no-results")
    assert block.locator(".no-results__why").inner_text() == (
        "Aucune fiche du guide ne contient « introuvable »."
    )
    questionnaire = block.get_by_role("link", name="Quelles aides pour mon projet ?")
    phone = block.get_by_role("link", name=re.compile("^Appeler"))
    alert = block.locator(".alert-subscribe")
    tops = [item.bounding_box()["y"] for item in (questionnaire, phone, alert)]
    assert tops == sorted(tops)
    assert phone.get_attribute("href") == "tel:+33199001000"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
