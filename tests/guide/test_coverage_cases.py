"""The editors' coverage panel and eligibility cases: one row per case, and a hint on a prose
line that a case could hold (guide/matching/case_hints.py), with no false alarm on the demo."""

import pytest
from django.urls import reverse

from guide.matching.case_hints import prose_case_hints, territories_named
from guide.matching.coverage import case_rows
from guide.matching.facts import CaseFacts, FicheFacts, Term
from guide.models import AidPage, Audience, EligibilityCase, Territory
from guide.models.eligibility_case import Establishment
from tests.support.factories import AidPageFactory

ALIXIO_LINE = (
    "PME ou PMI du Val-de-Marne (structures de l'ESS comprises), ou PMI implantée ou en "
    "cours d'implantation en Essonne"
)
PLACES = [
    ("Val-de-Marne", "DEP-94"),
    ("Essonne", "DEP-91"),
    ("Orly", "COM-94054"),
    ("Rungis", "COM-94065"),
    ("Villeneuve-le-Roi", "COM-94077"),
    ("L'Haÿ-les-Roses", "COM-94038"),
]
AUDIENCES = [
    Term("pme", "PME"),
    Term("pmi", "PMI (petites et moyennes industries)"),
    Term("commercants-artisans", "Commerçants et artisans"),
    Term("createurs", "Créateurs et repreneurs"),
]


def hints(line, partial=(), cases=()):
    facts = FicheFacts(prose_conditions=(line,), cases=cases)
    return prose_case_hints(facts, PLACES, AUDIENCES, frozenset(partial))


def test_territories_are_named_whole_and_without_accents():
    assert territories_named(ALIXIO_LINE, PLACES) == ["DEP-94", "DEP-91"]
    assert territories_named("Commerces de Villeneuve-le-Roi", PLACES) == ["COM-94077"]
    assert territories_named("Entreprise de l’Hay-les-Roses", PLACES) == ["COM-94038"]
    assert territories_named("Zone d'activité Orlyval", PLACES) == []


def test_alixio_former_line_is_flagged_when_the_fiche_has_no_case():
    (hint,) = hints(ALIXIO_LINE)
    assert hint.startswith(f"« {ALIXIO_LINE} » semble dépendre du territoire : ajoutez un cas")
    # Once the fiche has its cases, the line is the editor's summary of them.
    assert hints(ALIXIO_LINE, cases=(CaseFacts(name="Essonne (91)"),)) == []


@pytest.mark.parametrize(
    ("line", "partial", "flagged"),
    [
        ("PME du Val-de-Marne et aux PMI de l'Essonne", (), True),
        ("Créateurs d'Orly ; commerçants de Rungis", (), True),
        # One territory that is only a part of the fiche's: a case.
        ("PMI de l'Essonne", ("DEP-91",), True),
        # The fiche's whole territory, named once: not a case.
        ("Petite ou moyenne industrie (PMI) du Val-de-Marne", (), False),
        # Territories without a public: where the fiche applies, not who.
        ("Entreprise implantée à Orly, Rungis ou Villeneuve-le-Roi", (), False),
        # A public and alternatives, no territory.
        ("TPE ou PME de moins de 50 salariés du territoire", (), False),
        # Two territories and a public, no alternative between them.
        ("PME du Val-de-Marne et de l'Essonne", (), False),
    ],
)
def test_which_lines_a_case_could_hold(line, partial, flagged):
    assert bool(hints(line, partial)) is flagged


def test_each_case_is_one_readable_row():
    essonne = CaseFacts(
        name="Essonne (91)",
        territories=(Term("DEP-91", "Essonne (91)"),),
        audiences=(Term("pmi", "PMI (petites et moyennes industries)"),),
        staff_max=249,
        establishment="implantee-ou-en-cours",
    )
    only_jobs = CaseFacts(name="Cas 2", min_jobs=3, project_stages=frozenset({"recrutement"}))
    rows = case_rows(FicheFacts(cases=(essonne, only_jobs)))
    assert [(row.label, row.text) for row in rows] == [
        (
            "Essonne (91)",
            "Publics : PMI (petites et moyennes industries) ; Effectif : 249 salariés au plus ; "
            "Implantée ou en cours d'implantation sur le territoire",
        ),
        ("Cas 2", "Emplois à créer (minimum) : 3 ; Projets du questionnaire : Recruter"),
    ]
    assert case_rows(FicheFacts()) == []


@pytest.mark.django_db
def test_the_panel_shows_the_cases_and_flags_a_line_without_case(editor_client, guide_index):
    departments = list(Territory.objects.filter(kind="DEP", code__in=("94", "91")))
    page = AidPageFactory(parent=guide_index, title="Alixio", eligibility=ALIXIO_LINE)
    page.territories = departments
    page.save_revision().publish()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = editor_client.get(url).content.decode()
    assert "semble dépendre du territoire" in html

    page = AidPage.objects.get(pk=page.pk)
    page.eligibility_cases = [
        EligibilityCase(
            territories=[Territory.objects.get(kind="DEP", code="91")],
            audiences=[Audience.objects.get(slug="pmi")],
            establishment=Establishment.ESTABLISHED_OR_MOVING,
        )
    ]
    page.save_revision().publish()
    html = editor_client.get(url).content.decode()
    assert "semble dépendre du territoire" not in html
    assert '<th scope="row">Essonne (91)</th><td>Publics : PMI' in html


@pytest.mark.django_db
def test_a_part_of_the_fiche_territory_named_with_a_public_is_flagged(editor_client, guide_index):
    page = AidPageFactory(parent=guide_index, title="Aide", eligibility="PMI de l'Essonne")
    page.territories = [Territory.objects.get(kind="EPCI")]
    page.save_revision().publish()
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "« PMI de l&#x27;Essonne » semble dépendre du territoire" in html
