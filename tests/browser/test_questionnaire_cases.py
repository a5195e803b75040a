"""Issue 22 in a real browser: the questionnaire tells a bakery in Athis-Mons (Essonne) that
Alixio is not for it and why, and an industrial SME of the same town what Alixio brings; the
owner answers « déjà installée ? » where the guide asks it, with or without JavaScript."""

import re

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

QUESTIONNAIRE = "/aides/mon-projet/"


def answer(page, demo_site, *, sector, staff, jobs, installed="Oui, elle y est installée"):
    """Fill the form as an owner would, in Athis-Mons, hiring ``jobs`` people."""
    page.goto(demo_site + QUESTIONNAIRE)
    where = page.get_by_role("group", name="Où est votre entreprise ?")
    where.get_by_label("Votre commune").fill("Athis-Mons")
    installation = where.get_by_role(
        "group", name=re.compile("^Votre entreprise est-elle déjà installée dans cette commune")
    )
    assert installation.get_by_role("radio").count() == 3
    installation.get_by_role("radio", name=installed).check()
    page.get_by_label("Nombre de salariés").fill(str(staff))
    page.get_by_label("Secteur d'activité").select_option(label=sector)
    page.get_by_role("checkbox", name="Recruter").check()
    page.get_by_label("Nombre d'emplois en CDI à créer").fill(str(jobs))
    page.get_by_role("button", name="Voir les aides pour mon projet").click()
    page.wait_for_url(re.compile(r"implantation=installee.*emplois="))


def euros(text):
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize("javascript", [True, False])
def test_a_bakery_and_an_industrial_sme_in_athis_mons(demo_site, open_page, javascript):
    page = open_page(javascript=javascript)

    # A 12-person bakery hiring 3: Alixio's Essonne case is for industrial SMEs only.
    answer(page, demo_site, sector="Artisanat", staff=12, jobs=3)
    fits = page.locator("section", has=page.locator("#resultats"))
    assert fits.locator("article", has_text="Alixio").count() == 0
    not_fit = page.locator("section", has=page.locator("#not-fit-title"))
    not_fit.get_by_text("Voir ces aides et pourquoi").click()
    reason = not_fit.locator("li", has_text="Alixio").inner_text()
    assert "Essonne (91) : Votre secteur, Artisanat : l'aide est réservée à PMI" in reason
    # Nothing of Alixio is counted: it is not even offered in the total.
    assert page.get_by_role("checkbox", name=re.compile("^Alixio")).count() == 0
    # The answer stays in the form, folded below the results: « Modifier mes réponses » opens it.
    page.locator(".answers-summary").get_by_role("link", name="Modifier mes réponses").click()
    assert page.get_by_role("radio", name="Oui, elle y est installée").is_checked()

    # An industrial SME of 30 hiring 4: the Essonne case fits.
    answer(page, demo_site, sector="Industrie", staff=30, jobs=4)
    alixio = page.locator("section", has=page.locator("#resultats")).locator(
        "article", has_text="Alixio"
    )
    card = euros(alixio.inner_text())
    assert "Essonne (91) : Votre entreprise est installée à Athis-Mons" in card
    amounts = [euros(text) for text in alixio.locator(".estimate__amount").all_inner_texts()]
    assert amounts == ["60 000 €", "5 000 €"]
    assert "1 emploi aidé sur 4 (au plus 1 emploi créé sur 3) × 5 000 € = 5 000 €" in card
    assert "Jusqu'à 15 000 € selon votre projet" in card
    totals = [euros(text) for text in page.locator(".total dd").all_inner_texts()]
    assert totals == ["60 000 €", "5 000 €"]
    if javascript:  # axe runs in the page (the markup is the same without JavaScript)
        assert axe_violations(page) == []
        assert page.watcher.errors == []
