"""Issue 23 in a real browser at 375 px: the baker in Vitry who needs an oven (25 000 €) and an
apprentice submits the questionnaire; the page opens on the results' heading (the form is sent to
« #resultats », also without JavaScript), with her answers in one line, the modernisation grant's
computed amount, and no « 0 € » anywhere."""

import re

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

QUESTIONNAIRE = "/aides/mon-projet/"
WIDTH, HEIGHT = 375, 812


def plain(text):
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize("javascript", [True, False])
def test_the_baker_sees_her_results_first(demo_site, open_page, javascript):
    page = open_page(width=WIDTH, height=HEIGHT, javascript=javascript)
    page.goto(demo_site + QUESTIONNAIRE)
    page.get_by_label("Votre commune").fill("Vitry-sur-Seine")
    page.get_by_label("Nombre de salariés").fill("3")
    page.get_by_label("Secteur d'activité").select_option(label="Commerce")
    page.get_by_role("checkbox", name="Investir").check()
    page.get_by_label("Nombre d'apprentis ou d'alternants à recruter").fill("1")
    page.get_by_label("Montant de votre investissement, en euros").fill("25 000")
    page.get_by_role("button", name="Voir les aides pour mon projet").click()
    page.wait_for_url(re.compile(r"investissement=25.*#resultats$"))

    # The results' heading is in the first viewport, and is the fragment's target.
    heading = page.locator("#resultats")
    box = heading.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT
    assert page.evaluate("document.querySelector(':target').id") == "resultats"
    assert heading.get_attribute("tabindex") == "-1"
    # Right under it, the answers in one line and the way back to the form.
    summary = page.locator(".answers-summary")
    assert summary.bounding_box()["y"] < HEIGHT
    assert plain(summary.inner_text()).startswith(
        "Vos réponses : Commerce · Vitry-sur-Seine · 3 salariés · investir"
    )
    # The form is folded below the results, what was typed kept.
    form_box = page.locator("details.questionnaire-details")
    assert form_box.get_attribute("open") is None
    assert page.get_by_label("Montant de votre investissement, en euros").input_value() == "25 000"

    card = page.locator("article", has_text="Aide à la modernisation des commerces")
    assert "30 % de 25 000 € = 7 500 € (plafond 10 000 € non atteint)" in plain(card.inner_text())
    body = plain(page.locator("main").inner_text())
    assert not re.search(r"(?<![\d ])0 €", body), "an amount of « 0 € » is shown"
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH

    # « Modifier mes réponses » opens the folded form.
    summary.get_by_role("link", name="Modifier mes réponses").click()
    assert page.get_by_label("Montant de votre investissement, en euros").is_visible()
    if javascript:  # axe runs in the page (the markup is the same without JavaScript)
        assert axe_violations(page) == []
        assert page.watcher.errors == []
