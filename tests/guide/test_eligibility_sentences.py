"""The fiche's « Pour qui ? »: its eligibility cases as French sentences
(guide/eligibility_sentences.py), and its components' restrictions."""

import re

import pytest

from guide.eligibility_sentences import case_sentence, case_sentences, in_territory
from guide.matching.facts import CaseFacts, Term
from guide.models import (
    Audience,
    EligibilityCase,
    FinancialComponent,
    Sector,
    Territory,
)
from tests.support.cases import add_case
from tests.support.factories import AidPageFactory

VAL_DE_MARNE = Term("DEP-94", "Val-de-Marne (94)")
ESSONNE = Term("DEP-91", "Essonne (91)")
PME = Term("pme", "PME")
PMI = Term("pmi", "PMI (petites et moyennes industries)")


def plain(value):
    return value.replace("\u202f", " ").replace("\xa0", " ")


class TestTerritory:
    @pytest.mark.parametrize(
        "slug, label, said",
        [
            ("DEP-91", "Essonne (91)", "En Essonne (91)"),
            ("DEP-94", "Val-de-Marne (94)", "Dans le Val-de-Marne (94)"),
            ("DEP-92", "Hauts-de-Seine (92)", "Dans les Hauts-de-Seine (92)"),
            ("DEP-75", "Paris (75)", "À Paris (75)"),
            ("COM-94054", "Orly", "À Orly"),
            ("COM-94043", "Le Kremlin-Bicêtre", "Au Kremlin-Bicêtre"),
            ("COM-93000", "Les Lilas", "Aux Lilas"),
            ("REG-11", "Île-de-France", "En Île-de-France"),
            ("REG-32", "Hauts-de-France", "Dans les Hauts-de-France"),
            ("PAYS-FR", "France", "En France"),
            (
                "EPCI-200058014",
                "Grand-Orly Seine Bièvre",
                "Sur le territoire Grand-Orly Seine Bièvre",
            ),
        ],
    )
    def test_the_preposition_its_name_takes(self, slug, label, said):
        assert in_territory(Term(slug, label)) == said

    def test_an_unknown_departement_keeps_its_name_alone(self):
        assert in_territory(Term("DEP-29", "Finistère (29)")) == "Finistère (29)"


class TestCaseSentence:
    def test_alixio_in_the_val_de_marne(self):
        case = CaseFacts(territories=(VAL_DE_MARNE,), audiences=(PME, PMI))
        assert case_sentence(case) == (
            "Dans le Val-de-Marne (94) : PME ou PMI (petites et moyennes industries)."
        )

    def test_alixio_in_the_essonne_established_or_moving_in(self):
        case = CaseFacts(
            territories=(ESSONNE,), audiences=(PMI,), establishment="implantee-ou-en-cours"
        )
        assert case_sentence(case) == (
            "En Essonne (91), pour une entreprise implantée ou en cours d'implantation : "
            "PMI (petites et moyennes industries)."
        )

    def test_already_established(self):
        case = CaseFacts(territories=(ESSONNE,), establishment="implantee")
        assert case_sentence(case) == (
            "En Essonne (91), pour une entreprise déjà implantée : sans autre condition."
        )

    def test_every_criterion_in_reading_order(self):
        case = CaseFacts(
            territories=(VAL_DE_MARNE, ESSONNE),
            audiences=(PMI,),
            company_sizes=(Term("PME", "Petite et moyenne entreprise (PME)"),),
            sectors=(Term("industrie", "Industrie"), Term("btp", "BTP et construction")),
            staff_min=10,
            staff_max=49,
            min_years=2,
            min_jobs=3,
        )
        sentence = plain(case_sentence(case, stage_labels=("Développement", "Recrutement")))
        assert sentence == (
            "Dans le Val-de-Marne (94) ou en Essonne (91) : PMI (petites et moyennes "
            "industries), catégorie Petite et moyenne entreprise (PME), secteurs Industrie ou "
            "BTP et construction, de 10 à 49 salariés, au moins 2 ans d'existence, au moins 3 "
            "emplois en CDI à créer, projet : Développement ou Recrutement."
        )

    def test_a_case_without_territory_starts_with_a_capital(self):
        assert plain(case_sentence(CaseFacts(min_years=2))) == "Au moins 2 ans d'existence."
        moving = CaseFacts(audiences=(PMI,), establishment="implantee-ou-en-cours")
        assert case_sentence(moving) == (
            "Pour une entreprise implantée ou en cours d'implantation : "
            "PMI (petites et moyennes industries)."
        )

    def test_three_territories(self):
        orly = Term("COM-94054", "Orly")
        case = CaseFacts(
            territories=(orly, VAL_DE_MARNE, ESSONNE), sectors=(Term("x", "Commerce"),)
        )
        assert case_sentence(case) == (
            "À Orly, dans le Val-de-Marne (94) ou en Essonne (91) : secteur Commerce."
        )


def section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def text(html):
    plain_text = re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'")
    return " ".join(plain(plain_text).split())


@pytest.mark.django_db
class TestFichePage:
    def test_a_fiche_without_case_has_no_cases_intro(self, client, guide_index):
        page = AidPageFactory(parent=guide_index, title="Simple", eligibility="Être une PME")
        html = client.get(page.url).content.decode()
        assert "Être une PME" in text(section(html, "eligibility-title"))
        assert "une suffit" not in html

    def test_a_fiches_cases_follow_its_own_criteria(self, client, guide_index):
        page = AidPageFactory(parent=guide_index, title="Par cas", eligibility="Être à jour")
        add_case(page, territories_cog=["DEP-94"], audiences=["pme"])
        add_case(page, territories_cog=["DEP-91"], audiences=["pmi"], establishment="implantee")
        html = client.get(page.url).content.decode()
        eligibility = text(section(html, "eligibility-title"))
        assert eligibility.endswith(
            "Être à jour Conditions selon votre situation (une suffit) : "
            "Dans le Val-de-Marne (94) : PME. En Essonne (91), pour une entreprise déjà "
            "implantée : PMI (petites et moyennes industries)."
        )

    def test_a_previews_cases_are_read_as_typed(self, guide_index):
        """In a preview the cases are in memory (modelcluster), a new one not saved yet."""
        page = AidPageFactory(parent=guide_index, title="Aperçu")
        case = EligibilityCase(establishment="implantee")
        case.territories = [Territory.objects.get(kind="DEP", code="91")]
        page.eligibility_cases = [case]
        assert case_sentences(page) == [
            "En Essonne (91), pour une entreprise déjà implantée : sans autre condition."
        ]

    def test_components_say_their_restrictions(self, client, guide_index):
        page = AidPageFactory(parent=guide_index, title="Réservée", aid_types=["subvention"])
        FinancialComponent.objects.create(
            page=page,
            aid_type=page.aid_types.first(),
            amount=5000,
            audience=Audience.objects.get(slug="pmi"),
            sector=Sector.objects.get(slug="industrie"),
        )
        html = client.get(page.url).content.decode()
        glance = text(section(html, "glance-title"))
        assert "Réservé au public PMI (petites et moyennes industries)" in glance
        assert "Réservé au secteur Industrie" in glance
