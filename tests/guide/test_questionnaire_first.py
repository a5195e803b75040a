"""Issue 23, the questionnaire answers first: the results open the page (« #resultats »), one
line says the answers with « Modifier mes réponses », the form folds below the results; no empty
estimate box; the investment amount computes the shares of the project's expenses; « Innover »;
apprentices and work-study contracts next to the CDI jobs."""

import re
from decimal import Decimal

import pytest
from django.http import QueryDict

from guide.matching.estimate import (
    NEEDS_INVESTMENT,
    NEEDS_JOBS,
    estimate_component,
    is_investment_basis,
)
from guide.matching.facts import Answers, Component, FicheFacts, Place, Term
from guide.matching.questionnaire import QuestionnaireForm
from guide.matching.results import classify
from guide.matching.rules import Verdict, check_jobs, evaluate
from guide.matching.summary import summary_line
from guide.models import FinancialComponent, ProjectStage
from tests.guide.test_questionnaire import fiche, text, text_of

SUBVENTION = Term("subvention", "Subvention")
AVANCE = Term("avance-remboursable", "Avance remboursable")
VITRY = Place("Vitry-sur-Seine", frozenset({"COM-94081", "DEP-94", "REG-11"}))

# The demo's « Aide à la modernisation des commerces de proximité »: 30 % of the eligible
# expenses, at most 10 000 €.
MODERNISATION = Component(
    "Subvention travaux",
    SUBVENTION,
    is_financial=True,
    ceiling=Decimal("10000"),
    max_share_percent=Decimal("30"),
    max_share_basis="des dépenses éligibles",
)

BAKER = (
    "commune=Vitry-sur-Seine&effectif=3&secteur=commerce&projet=investir"
    "&investissement=25+000&alternants=1"
)


def component(**values):
    values = {"title": "Volet", "aid_type": SUBVENTION, "is_financial": True, **values}
    return Component(**values)


class TestInvestmentBasis:
    @pytest.mark.parametrize(
        "basis",
        [
            "des dépenses éligibles",
            "des dépenses du projet",
            "du coût des travaux",
            "du programme d'investissement",
            "de l'investissement",
            "of eligible expenses",
            "of the project's costs",
        ],
    )
    def test_the_projects_expenses(self, basis):
        assert is_investment_basis(basis)

    @pytest.mark.parametrize(
        "basis",
        [
            "du prêt bancaire",
            "du prêt",
            "du prix d'achat",
            "du programme d'emplois",
            "de la masse salariale",
            "du chiffre d'affaires",
            "du prêt finançant le projet",
            "of the bank loan",
            "",
        ],
    )
    def test_anything_else_is_not_the_investment(self, basis):
        assert not is_investment_basis(basis)


class TestShareOfTheInvestment:
    def test_the_bakers_oven(self):
        line = estimate_component(MODERNISATION, Answers(investment=Decimal("25000")))
        assert line.amount == Decimal("7500")
        said = text_of(f"{line.formula} ({line.limit})")
        assert said == "30 % de 25 000 € = 7 500 € (plafond 10 000 € non atteint)"
        assert any("Calculé sur le montant que vous avez indiqué" in c for c in line.caveats)
        # The share is computed: not also said as a limit « le contact confirmera ».
        assert not any("dépend de votre dossier" in c for c in line.caveats)

    def test_the_ceiling_reached(self):
        line = estimate_component(MODERNISATION, Answers(investment=Decimal("50000")))
        assert line.amount == Decimal("10000")
        said = text_of(f"{line.formula} ({line.limit})")
        assert said == "30 % de 50 000 € = 15 000 € (plafonné à 10 000 €)"

    def test_a_share_is_rounded_down_to_the_euro(self):
        line = estimate_component(MODERNISATION, Answers(investment=Decimal("1001")))
        assert line.amount == Decimal("300")

    def test_without_the_investment_it_asks_for_it(self):
        line = estimate_component(MODERNISATION, Answers())
        assert line.amount is None and line.needs == NEEDS_INVESTMENT
        assert text_of(line.not_computed) == (
            "30 % des dépenses éligibles, jusqu'à 10 000 € : indiquez le montant de votre "
            "investissement."
        )

    def test_a_share_of_a_bank_loan_is_never_computed_from_the_investment(self):
        honour_loan = component(
            aid_type=Term("pret", "Prêt"),
            is_loan=True,
            ceiling=Decimal("50000"),
            max_share_percent=Decimal("50"),
            max_share_basis="du prêt bancaire",
        )
        line = estimate_component(honour_loan, Answers(investment=Decimal("25000")))
        assert line.amount is None and line.needs == ""
        assert "non calculable ici" in line.not_computed
        assert any("du prêt bancaire" in c for c in line.caveats)

    def test_a_fixed_amount_is_within_its_share(self):
        fixed = component(
            amount=Decimal("5000"),
            max_share_percent=Decimal("50"),
            max_share_basis="des dépenses du projet",
        )
        small = estimate_component(fixed, Answers(investment=Decimal("6000")))
        assert small.amount == Decimal("3000")
        assert text_of(small.formula) == (
            "Montant forfaitaire : 5 000 €, au plus la moitié de 6 000 € = 3 000 €"
        )
        large = estimate_component(fixed, Answers(investment=Decimal("40000")))
        assert large.amount == Decimal("5000")

    def test_a_repayable_advance_of_the_projects_expenses_is_a_loan(self):
        advance = component(
            aid_type=AVANCE,
            is_loan=True,
            ceiling=Decimal("100000"),
            max_share_percent=Decimal("50"),
            max_share_basis="des dépenses du projet",
        )
        line = estimate_component(advance, Answers(investment=Decimal("25000")))
        assert line.is_loan and line.amount == Decimal("12500")


class TestNoZeroEuros:
    def test_no_job_planned(self):
        per_job = component(amount=Decimal("5000"), unit="emploi_cree", unit_label="par emploi")
        line = estimate_component(per_job, Answers(jobs=0))
        assert line.amount is None
        assert not re.search(r"(?<![\d ])0 €", text_of(line.not_computed))

    def test_fewer_jobs_than_the_share_aids(self):
        one_in_three = component(
            amount=Decimal("5000"),
            unit="emploi_cree",
            unit_label="par emploi créé",
            unit_share=(1, 3),
        )
        line = estimate_component(one_in_three, Answers(jobs=2))
        assert line.amount is None
        assert text_of(line.not_computed) == (
            "au plus 1 emploi créé sur 3 : avec 2 emplois en CDI, aucun n'est aidé."
        )

    def test_a_per_job_amount_without_jobs_asks_for_them(self):
        per_job = component(amount=Decimal("5000"), unit="emploi_cree", unit_label="par emploi")
        assert estimate_component(per_job, Answers()).needs == NEEDS_JOBS


@pytest.mark.django_db  # the form reads the sectors
class TestApprentices:
    MINIMUM = FicheFacts(min_jobs=3)

    def test_they_are_not_cdi_jobs(self):
        check = check_jobs(self.MINIMUM, Answers(jobs=1, apprentices=2))
        assert check.verdict == Verdict.DOES_NOT_FIT
        assert check.text == (
            "Vous créez 1 emploi en CDI : minimum 3 requis (les apprentis et alternants ne "
            "comptent pas comme des emplois en CDI)"
        )
        unknown = check_jobs(self.MINIMUM, Answers(apprentices=5))
        assert unknown.verdict == Verdict.MAY_FIT
        assert unknown.text.endswith(
            "Les apprentis et alternants ne comptent pas comme des emplois en CDI."
        )

    def test_the_note_only_when_it_matters(self):
        met = check_jobs(self.MINIMUM, Answers(jobs=3, apprentices=1))
        assert met.verdict == Verdict.FITS and "apprentis" not in met.text
        assert "apprentis" not in check_jobs(self.MINIMUM, Answers(jobs=1)).text

    def test_a_per_job_amount_does_not_count_them_and_says_so(self):
        per_job = component(amount=Decimal("4000"), unit="recrutement", unit_label="par recrue")
        line = estimate_component(per_job, Answers(jobs=1, apprentices=1))
        assert line.amount == Decimal("4000")
        assert any("1 apprenti ou alternant n'est pas compté" in c for c in line.caveats)

    def test_hiring_an_apprentice_is_recruiting(self):
        answers = QuestionnaireForm(QueryDict("projet=investir&alternants=1")).answers()
        assert answers.projects == ("investir", "recruter") and answers.apprentices == 1
        # With no project chosen, the project restricts nothing: none is added.
        assert QuestionnaireForm(QueryDict("alternants=1")).answers().projects == ()
        assert QuestionnaireForm(QueryDict("projet=investir&alternants=0")).answers().projects == (
            "investir",
        )

    def test_a_recruitment_fiche_serves_the_baker_hiring_an_apprentice(self):
        recruitment = FicheFacts(project_stages=frozenset({"recrutement"}))
        answers = QuestionnaireForm(QueryDict("projet=investir&alternants=1")).answers()
        assert evaluate(recruitment, answers).verdict == Verdict.FITS


@pytest.mark.django_db
class TestForm:
    @pytest.mark.parametrize(
        "typed, amount",
        [
            ("25 000", "25000"),
            ("25000", "25000"),
            ("25\u202f000 €", "25000"),
            ("25 000 euros", "25000"),
            ("1 500,50", "1500.50"),
        ],
    )
    def test_the_investment_typed_the_french_way(self, typed, amount):
        form = QuestionnaireForm({"investissement": typed})
        assert form.answers().investment == Decimal(amount)
        assert not form.errors

    @pytest.mark.parametrize(
        "typed, message",
        [
            ("1.500", "peut se lire de deux façons"),
            ("beaucoup", "Saisissez un nombre"),
            ("0", "au moins 1 €"),
            ("-5", "au moins 1 €"),
            ("30 %", "sans unité ni symbole"),
            ("2000000000", "au plus 1 milliard"),
        ],
    )
    def test_a_wrong_amount_is_said_in_french(self, typed, message):
        form = QuestionnaireForm({"investissement": typed, "effectif": "3"})
        answers = form.answers()
        assert message in text_of(form.errors["investissement"][0])
        assert answers.investment is None and answers.staff == 3

    def test_innover_is_a_project(self):
        form = QuestionnaireForm(QueryDict("projet=innover"))
        assert form.answers().projects == ("innover",) and not form.errors

    def test_the_new_answers_alone_are_answers(self):
        assert QuestionnaireForm(QueryDict("investissement=25000")).answered
        assert QuestionnaireForm(QueryDict("alternants=1")).answered


class TestSummary:
    def test_the_bakers_line(self):
        answers = Answers(
            place=VITRY,
            staff=3,
            sector=Term("commerce", "Commerce"),
            projects=("investir",),
            investment=Decimal("25000"),
            apprentices=1,
        )
        assert text_of(summary_line(answers)) == (
            "Commerce · Vitry-sur-Seine · 3 salariés · investir · 1 apprenti ou alternant · "
            "investissement 25 000 €"
        )

    def test_age_staff_and_moving_in(self):
        answers = Answers(place=VITRY, staff=0, age_years=0, establishment="en-cours", jobs=2)
        assert text_of(summary_line(answers)) == (
            "Vitry-sur-Seine (en cours d'installation) · sans salarié · moins d'un an "
            "d'existence · 2 emplois en CDI"
        )


def results_heading(html):
    return re.search(r'<h2 id="resultats" tabindex="-1">(.*?)</h2>', html, re.S)


@pytest.mark.django_db
class TestPageWithoutDemo:
    def url(self, index, query=""):
        return f"{index.url}mon-projet/" + (f"?{query}" if query else "")

    def test_the_form_opens_on_the_results(self, client, guide_index):
        fiche(guide_index, title="Une aide")
        html = client.get(self.url(guide_index)).content.decode()
        assert f'action="{self.url(guide_index)}#resultats"' in html
        # No answer: no results, the form open.
        assert results_heading(html) is None
        assert '<details class="questionnaire-details" open>' in html
        answered = client.get(self.url(guide_index, "commune=Orly&effectif=3")).content.decode()
        assert results_heading(answered)
        # Answered: the summary and its link come before the folded form.
        assert '<details class="questionnaire-details">' in answered
        summary = answered.index('class="answers-summary"')
        assert answered.index('id="resultats"') < summary < answered.index("questionnaire-details")
        assert '<a class="answers-summary__edit" href="#questionnaire" data-opens-details>' in (
            answered
        )
        assert 'id="questionnaire"' in answered

    def test_an_error_keeps_the_form_open_and_is_said_under_the_heading(self, client, guide_index):
        fiche(guide_index, title="Une aide")
        html = client.get(
            self.url(guide_index, "commune=Orly&investissement=beaucoup")
        ).content.decode()
        assert '<details class="questionnaire-details" open>' in html
        heading = html.index('id="resultats"')
        assert heading < html.index('class="form-errors"') < html.index('class="answers-summary"')
        assert 'value="beaucoup"' in html and 'aria-invalid="true"' in html
        assert html.count('class="form-errors"') == 1

    def test_no_amount_no_box_but_one_sentence(self, client, guide_index):
        page = fiche(guide_index, title="Aide aux travaux")
        FinancialComponent.objects.create(
            page=page,
            aid_type=page.aid_types.first(),
            ceiling=10000,
            max_share_percent=30,
            max_share_basis="des dépenses éligibles",
        )
        response = client.get(self.url(guide_index, "commune=Orly&effectif=3"))
        page_text = text(response)
        assert "Estimation pour les aides choisies" not in page_text
        assert "0 €" not in page_text.replace("10 000 €", "")
        assert (
            "Les montants de ces aides dépendent de votre projet : indiquez le montant de votre "
            "investissement, ou appelez l'opérateur."
        ) in page_text
        # With the amount: the box, and only its non-zero line.
        answered = text(
            client.get(self.url(guide_index, "commune=Orly&effectif=3&investissement=20+000"))
        )
        assert "Subventions et autres aides financières 6 000 €" in answered
        assert "Prêts (à rembourser)" not in answered
        assert "dépendent de votre projet" not in answered

    def test_nothing_ticked_is_said_not_zero(self, client, guide_index):
        page = fiche(guide_index, title="Une aide")
        FinancialComponent.objects.create(page=page, aid_type=page.aid_types.first(), amount=900)
        response = client.get(self.url(guide_index, "commune=Orly&total=1"))
        html = response.content.decode()
        assert "Aucune aide chiffrée n'est cochée" in text(response)
        assert '<dl class="total">' not in html
        assert f'action="{self.url(guide_index)}#estimation"' in html

    def test_innover_finds_the_innovation_fiches(self, guide_index):
        innovation = fiche(guide_index, title="Avance pour innover")
        innovation.project_stages.set(ProjectStage.objects.filter(slug="innovation"))
        innovation.save()
        investment = fiche(guide_index, title="Aide aux travaux")
        investment.project_stages.set(ProjectStage.objects.filter(slug="investissement"))
        investment.save()
        answers = QuestionnaireForm(QueryDict("commune=Orly&projet=innover")).answers()
        outcome = classify(guide_index, answers)
        assert [r.page.title for r in outcome.fits] == ["Avance pour innover"]
        assert any(
            check.text.startswith("Votre projet : Innover") for check in outcome.fits[0].match.met
        )
        assert [r.page.title for r in outcome.does_not_fit] == ["Aide aux travaux"]

    def test_an_old_url_keeps_working(self, client, guide_index):
        page = fiche(guide_index, title="Recrutement", min_jobs_created=2)
        page.project_stages.set(ProjectStage.objects.filter(slug="recrutement"))
        page.save()
        response = client.get(self.url(guide_index, "commune=Orly&projet=recruter&emplois=2"))
        assert response.status_code == 200
        assert "Vous créez 2 emplois en CDI : minimum 2 requis" in text(response)
