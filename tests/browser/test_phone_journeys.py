"""Issue 23's five journeys, replayed on a 375 × 812 phone as the people of its « Why » would:
the baker in Vitry who needs an oven and an apprentice, the 30-person metalworking SME in
Athis-Mons hiring 5, the jobseeker in Orly starting a cleaning business, the English-speaking
founder in Ivry, and someone following an old link to a closed aid.

They assert what a person sees (visible text, where it stands in the viewport), and run axe on
each journey's last page. One browser context serves the module (one page, like one phone),
on the module's live demo (tests/browser/conftest.py).
"""

import re

import pytest

from tests.browser.conftest import axe_violations, finish_requests

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTH, HEIGHT = 375, 812
QUESTIONNAIRE = "/aides/mon-projet/"
LISTING = "/aides/"
ALIXIO = "Alixio – Accompagnement des PME-PMI du Val-de-Marne et de l'Essonne"
SHOPS = "Aide à la modernisation des commerces de proximité"
FIRST_HIRE = "Aide au premier recrutement en CDI"
BUS = "Bus de l'entrepreneuriat dans les quartiers d'Orly"
HONOUR_LOAN = "Prêt d'honneur pour les créateurs et repreneurs"
KATALYSE = "/aides/katalyse-pmi-val-de-marne/"
REFERRAL = "À contacter de la part du Grand-Orly Seine Bièvre"
# « 0 € » as an amount (not the end of « 10 000 € »), once the spaces are plain.
ZERO_EUROS = re.compile(r"(?<![\d ])0 €")


@pytest.fixture(scope="module")
def phone(browser, demo_site):
    """One phone for the module: a 375 px page in French, with JavaScript."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, locale="fr-FR", java_script_enabled=True
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()
    finish_requests()


def plain(text):
    """Text as read: narrow and non-breaking spaces as spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def visible_text(page):
    return plain(page.locator("main").inner_text())


def assert_clean(page):
    """axe finds nothing, the console stayed quiet, nothing is wider than the phone."""
    assert axe_violations(page) == []
    assert page.errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def in_first_viewport(locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT


def search(page, demo_site, words):
    """Type ``words`` in the guide's search box and send them; return the cards' titles."""
    if not page.url.split("?")[0].endswith(LISTING):
        page.goto(demo_site + LISTING)
    box = page.locator(".listing-form").get_by_label("Rechercher une aide")
    box.fill(words)
    with page.expect_navigation():
        box.press("Enter")
    return page.locator(".results .aid-card__title").all_inner_texts()


def card(page, title):
    return page.locator(".aid-card", has=page.get_by_role("link", name=title, exact=True))


def call_link(card_locator):
    return card_locator.get_by_role("link", name=re.compile("^Appeler"))


@pytest.fixture(autouse=True)
def fresh_errors(phone):
    phone.errors.clear()


def test_the_baker_in_vitry_needs_an_oven_and_an_apprentice(phone, demo_site):
    page = phone
    page.goto(demo_site + QUESTIONNAIRE)
    page.get_by_label("Votre commune").fill("Vitry-sur-Seine")
    page.get_by_label("Nombre de salariés").fill("3")
    page.get_by_label("Secteur d'activité").select_option(label="Artisanat")
    page.get_by_role("checkbox", name=re.compile("^Investir")).check()
    page.get_by_label("Nombre d'apprentis ou d'alternants à recruter").fill("1")
    page.get_by_label("Montant de votre investissement, en euros").fill("25 000")
    page.get_by_role("button", name="Voir les aides pour mon projet").click()
    page.wait_for_url(re.compile(r"investissement=25.*#resultats$"))

    # The answers come first: the results' heading is in the first screen.
    heading = page.locator("#resultats")
    assert heading.is_visible() and in_first_viewport(heading)
    assert not ZERO_EUROS.search(plain(page.locator("body").inner_text()))
    shops = page.locator("article", has=page.get_by_role("link", name=SHOPS, exact=True))
    assert "30 % de 25 000 € = 7 500 € (plafond 10 000 € non atteint)" in plain(shops.inner_text())
    assert call_link(shops).is_visible()

    # Her own words: the oven finds the modernisation grant, the apprentice a hiring aid.
    assert SHOPS in search(page, demo_site, "four")[:5]
    card(page, SHOPS).scroll_into_view_if_needed()
    assert card(page, SHOPS).is_visible()
    assert FIRST_HIRE in search(page, demo_site, "apprenti")[:5]
    assert_clean(page)


def test_the_metalworks_in_athis_mons_hires_five(phone, demo_site):
    page = phone
    page.goto(demo_site + QUESTIONNAIRE)
    page.get_by_label("Votre commune").fill("Athis-Mons")
    page.get_by_role("radio", name="Oui, elle y est installée").check()
    page.get_by_label("Nombre de salariés").fill("30")
    page.get_by_label("Secteur d'activité").select_option(label="Industrie")
    page.get_by_role("checkbox", name="Recruter").check()
    page.get_by_label("Nombre d'emplois en CDI à créer").fill("5")
    page.get_by_role("button", name="Voir les aides pour mon projet").click()
    page.wait_for_url(re.compile(r"emplois=5.*#resultats$"))
    assert in_first_viewport(page.locator("#resultats"))

    # Alixio is among the aids that fit, with what it would bring for 5 jobs: a loan of
    # 15 000 € per job, a grant of 5 000 € on at most one job in three.
    fits = page.locator("section", has=page.locator("#resultats"))
    alixio = fits.locator("article", has=page.get_by_role("link", name=ALIXIO, exact=True))
    text = plain(alixio.inner_text())
    amounts = [plain(t) for t in alixio.locator(".estimate__amount").all_inner_texts()]
    assert amounts == ["75 000 €", "5 000 €"]
    assert "1 emploi aidé sur 5 (au plus 1 emploi créé sur 3) × 5 000 € = 5 000 €" in text
    assert not ZERO_EUROS.search(plain(page.locator("body").inner_text()))

    # Ready to call: the link's accessible name says whom, the number and what to say first.
    call = alixio.get_by_role("link", name=re.compile(r"^Appeler .+\. " + re.escape(REFERRAL)))
    call.scroll_into_view_if_needed()
    assert call.is_visible()
    assert call.get_attribute("href").startswith("tel:")
    assert_clean(page)


def test_the_jobseeker_in_orly_starts_a_cleaning_business(phone, demo_site):
    page = phone
    found = {}
    for words in ("nettoyage", "démarrer", "argent pour lancer mon activité"):
        found[words] = search(page, demo_site, words)
    # On the first page of results (typed in the listing's own box: sorted by relevance).
    assert HONOUR_LOAN in found["nettoyage"][:5], found
    assert {BUS, HONOUR_LOAN} <= set(found["démarrer"][:5]), found
    assert HONOUR_LOAN in found["argent pour lancer mon activité"], found

    # A card says until when (in words, beside J-x) or nothing when the aid is permanent, who
    # runs it, and whom to call.
    for words, title in (("démarrer", BUS), ("nettoyage", HONOUR_LOAN)):
        search(page, demo_site, words)
        result = card(page, title)
        result.scroll_into_view_if_needed()
        meta = plain(result.locator(".aid-card__meta").inner_text())
        if re.search(r"J-\d", meta):
            assert re.search(r"jusqu'au \d{1,2}(er)? [a-zéû]+ \d{4}", meta), meta
        else:
            assert "jusqu'au" not in meta, meta
        assert result.locator(".aid-card__operator").is_visible(), title
        assert call_link(result).is_visible(), title
    loan_meta = plain(card(page, HONOUR_LOAN).locator(".aid-card__meta").inner_text())
    assert "jusqu'au" not in loan_meta  # the prêt d'honneur is permanent
    assert_clean(page)


def test_the_english_speaking_founder_in_ivry(phone, demo_site):
    page = phone
    page.goto(demo_site + "/en/business-aid/")
    note = page.locator(".notice--language")
    assert re.match(r"\d+ of \d+ aids? (is|are) available in English\.", note.inner_text())
    marked = page.locator(".aid-card__language")
    assert marked.count() > 0 and marked.first.inner_text() == "(in French)"

    french_only = card(page, HONOUR_LOAN)
    assert french_only.locator(".aid-card__language").inner_text() == "(in French)"

    # The English address of that French-only fiche: the French fiche, with the notice.
    response = page.goto(demo_site + "/en/business-aid/pret-honneur-createurs/")
    assert response.status == 200 and response.request.redirected_from is not None
    assert page.url.startswith(demo_site + "/aides/pret-honneur-createurs/")
    assert page.locator("h1").inner_text() == HONOUR_LOAN
    banner = page.get_by_role("note").filter(has_text="not been translated")
    assert banner.inner_text() == (
        "This page has not been translated yet: here is the French version."
    )
    assert in_first_viewport(banner)
    assert_clean(page)


def test_an_old_link_to_a_closed_aid(phone, demo_site):
    page = phone
    page.goto(demo_site + KATALYSE)
    closed = page.locator(".banner--closed")
    assert "Cette aide est clôturée depuis le 31 décembre 2023." in closed.inner_text()
    assert in_first_viewport(closed)
    phone_link = page.locator(".glance__call a[href^='tel:']")
    box = phone_link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 2 * HEIGHT

    comparables = page.locator("section.related")
    assert comparables.get_by_role("heading").first.inner_text() == "Aides ouvertes comparables"
    cards = comparables.locator(".aid-card")
    titles = cards.locator(".aid-card__title").all_inner_texts()
    assert ALIXIO in titles
    for index in range(cards.count()):
        assert call_link(cards.nth(index)).count() == 1, titles[index]
    assert_clean(page)
