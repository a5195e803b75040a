"""Editors' side of the questionnaire: what it reads on a fiche (guide/matching/coverage.py)
and the panel at the top of the fiche's « Éligibilité » tab."""

from decimal import Decimal

import pytest

from guide.matching.coverage import amount_rows, criteria_rows, prose_hints
from guide.matching.facts import Component, FicheFacts, Term
from guide.models import FinancialComponent
from tests.support.factories import AidPageFactory


def by_label(rows):
    return {row.label: row for row in rows}


def test_empty_criteria_are_said_not_to_filter():
    rows = by_label(criteria_rows(FicheFacts(territories=(Term("DEP-94", "Val-de-Marne"),))))
    assert rows["Territoire"].structured and rows["Territoire"].text == "Val-de-Marne"
    assert not rows["Effectif"].structured
    assert "ne filtre pas" in rows["Emplois à créer (minimum)"].text


def test_structured_criteria_show_their_value():
    facts = FicheFacts(
        staff_max=49, min_jobs=3, project_stages=frozenset({"recrutement"}), min_years=2
    )
    rows = by_label(criteria_rows(facts))
    assert rows["Effectif"].text == "49 salariés au plus"
    assert rows["Emplois à créer (minimum)"].text == "3"
    assert rows["Projets du questionnaire"].text == "Recruter"
    assert rows["Années d'existence minimum"].structured


def test_which_amounts_the_estimate_computes():
    subvention = Term("subvention", "Subvention")
    facts = FicheFacts(
        components=(
            Component(
                "Par emploi",
                subvention,
                is_financial=True,
                amount=Decimal(5000),
                unit="emploi_cree",
                unit_label="par emploi créé",
            ),
            Component("Plafond seul", subvention, is_financial=True, ceiling=Decimal(60000)),
            Component(
                "Conseil",
                Term("accompagnement", "Accompagnement"),
                is_financial=False,
                advisory_days=5,
            ),
        )
    )
    per_job, ceiling_only, advice = amount_rows(facts)
    assert per_job.structured and "3 emplois en CDI × 5" in per_job.text
    assert not ceiling_only.structured and "non calculable" in ceiling_only.text
    assert advice.structured and "5 jours" in advice.text


@pytest.mark.parametrize(
    "line, field, facts",
    [
        ("Au moins 3 créations nettes d'emplois en CDI dans les 2 ans", "emplois", FicheFacts()),
        ("TPE de moins de 50 salariés", "effectif", FicheFacts()),
        ("Structure de l'ESS de plus d'un an", "années d'existence", FicheFacts()),
    ],
)
def test_a_figure_written_in_prose_gets_a_hint(line, field, facts):
    hints = prose_hints(FicheFacts(prose_conditions=(line,)))
    assert len(hints) == 1 and field in hints[0]


def test_no_hint_once_the_field_is_filled_or_for_a_mere_timeframe():
    line = "Au moins 3 créations nettes d'emplois en CDI dans les 2 ans"
    assert prose_hints(FicheFacts(prose_conditions=(line,), min_jobs=3)) == []
    assert prose_hints(FicheFacts(prose_conditions=("Avoir un projet",))) == []


@pytest.mark.django_db
def test_the_panel_on_the_eligibility_tab(editor_client, guide_index):
    page = AidPageFactory(
        parent=guide_index,
        title="Prêt emploi",
        eligibility="Au moins 3 créations d'emplois",
        aid_types=["pret"],
    )
    FinancialComponent.objects.create(
        page=page, aid_type=page.aid_types.first(), amount=15000, unit="emploi_cree"
    )
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce que le questionnaire « Quelles aides pour mon projet ? » lit sur cette fiche" in html
    assert "semble chiffrée : renseignez le champ « emplois à créer (minimum) »" in html
    assert "Calculé, par exemple pour 3 emplois" in html
