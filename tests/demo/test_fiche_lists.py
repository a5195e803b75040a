"""The demo's fiches carry their lists (covered expenses, project examples, « Préparez votre
appel ») as demo/fiches.py writes them, one item a line, and show them; the English fiches show
theirs in English."""

import html

import pytest
from wagtail.models import Locale

from core.fields import lines_of
from demo import fiches
from guide.models import AidPage
from guide.models.settings import DEFAULT_CALL_CHECKLIST

pytestmark = pytest.mark.django_db

LISTS = ("covered_expenses", "project_examples", "call_checklist")


def french(slug):
    return AidPage.objects.get(slug=slug, locale=Locale.get_default())


def page_text(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_each_list_is_loaded_line_by_line_in_order(demo_guide):
    with_lists = [spec for spec in fiches.FICHES if any(spec.get(name) for name in LISTS)]
    assert len(with_lists) >= 8
    for spec in with_lists:
        page = french(spec["slug"])
        for name in LISTS:
            assert lines_of(getattr(page, name)) == spec.get(name, []), (spec["slug"], name)


def test_the_shop_modernisation_grant_says_it_covers_an_oven_and_how_to_apply(demo_guide, client):
    page = french("modernisation-commerces")
    expenses = lines_of(page.covered_expenses)
    assert "Matériel et équipements professionnels (four, vitrine réfrigérée, machine)" in expenses
    assert "Travaux d'aménagement et de mise aux normes du local" in expenses
    assert "Une boulangerie qui remplace son four" in lines_of(page.project_examples)
    text = page_text(client, page)
    assert (
        "<li>Matériel et équipements professionnels (four, vitrine réfrigérée, machine)</li>"
        in (text)
    )
    assert '<h2 id="apply-title">Comment demander</h2>' in text
    assert 'href="https://demarches.grand-orly-commerce.example/modernisation"' in text
    assert "sur demarches.grand-orly-commerce.example (site externe)" in text
    # Its own « Préparez votre appel », not the guide's default.
    assert "<li>Une photo de votre vitrine ou du matériel à remplacer</li>" in text
    assert DEFAULT_CALL_CHECKLIST.splitlines()[0] not in text


def test_a_seed_fiche_shows_its_sourced_lines_and_the_guides_checklist(demo_guide, client):
    text = page_text(client, french("alixio-pme-pmi-val-de-marne-essonne"))
    assert "<li>Une prestation de conseil (entreprises de l'Essonne)</li>" in text
    assert "Exemples de projets" not in text  # the source gives none
    assert f"<li>{DEFAULT_CALL_CHECKLIST.splitlines()[0]}</li>" in text


def test_the_english_fiche_shows_its_covered_expenses_in_english(demo_guide, client):
    alixio = french("alixio-pme-pmi-val-de-marne-essonne")
    english = alixio.get_translation(Locale.objects.get(language_code="en"))
    assert lines_of(english.covered_expenses) == [
        "Working capital needs: the loan is not tied to a specific expense",
        "Consultancy services (businesses in Essonne)",
    ]
    text = page_text(client, english)
    assert "<li>Consultancy services (businesses in Essonne)</li>" in text
    assert "Une prestation de conseil" not in text
