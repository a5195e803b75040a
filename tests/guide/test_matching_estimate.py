"""The amount estimate (guide/matching/estimate.py): formulas, ceilings, what cannot be computed,
totals and non-combinable fiches, with the seeds' Alixio and Katalyse figures. No database."""

from decimal import Decimal

import pytest

from guide.matching.estimate import estimate_component, estimate_fiche, total
from guide.matching.facts import Answers, Component, FicheFacts, Place, Term

PRET = Term("pret", "Prêt")
SUBVENTION = Term("subvention", "Subvention")
ACCOMPAGNEMENT = Term("accompagnement", "Accompagnement / conseil")
ESSONNE = Term("DEP-91", "Essonne (91)")
VITRY = Place("Vitry-sur-Seine", frozenset({"COM-94081", "DEP-94", "REG-11"}))
ATHIS = Place("Athis-Mons", frozenset({"COM-91027", "DEP-91", "REG-11"}))

# The seeds (shared/seeds): Alixio and Katalyse, as the demo guide records them.
ALIXIO = FicheFacts(
    key="alixio",
    components=(
        Component(
            "Prêt à taux zéro",
            PRET,
            is_financial=True,
            is_loan=True,
            amount=Decimal("15000"),
            unit="emploi_cree",
            unit_label="par emploi créé",
            ceiling=Decimal("225000"),
            conditions=("Sans caution personnelle",),
        ),
        Component(
            "Subvention à la création d'emplois",
            SUBVENTION,
            is_financial=True,
            amount=Decimal("5000"),
            unit="emploi_cree",
            unit_label="par emploi créé",
            ceiling=Decimal("25000"),
            unit_share=(1, 3),
            conditions=("Indissociable du prêt",),
        ),
        Component(
            "Subvention pour une prestation de conseil",
            SUBVENTION,
            is_financial=True,
            ceiling=Decimal("15000"),
            territory=ESSONNE,
        ),
    ),
)
KATALYSE = FicheFacts(
    key="katalyse",
    components=(
        Component(
            "Appui-projet par un consultant Katalyse",
            ACCOMPAGNEMENT,
            is_financial=False,
            advisory_days=10,
        ),
        Component(
            "Soutien financier à l'investissement",
            SUBVENTION,
            is_financial=True,
            ceiling=Decimal("60000"),
        ),
    ),
)


def euros(text):
    return text.replace("\u202f", " ").replace("\xa0", " ")


class TestAlixio:
    def test_four_jobs_one_of_them_subsidised(self):
        """The seed: the grant « peut accompagner maximum un tiers du programme d'emplois »."""
        loan, grant, advice = estimate_fiche(ALIXIO, Answers(place=VITRY, jobs=4)).components
        assert loan.amount == Decimal("60000")
        assert euros(loan.formula) == "4 emplois en CDI × 15 000 € = 60 000 €"
        assert euros(loan.limit) == "plafond 225 000 € non atteint"
        assert grant.amount == Decimal("5000")
        assert euros(grant.formula) == (
            "1 emploi aidé sur 4 (au plus 1 emploi créé sur 3) × 5 000 € = 5 000 €"
        )
        assert euros(grant.limit) == "plafond 25 000 € non atteint"
        assert "Indissociable du prêt" in grant.caveats
        assert advice.amount is None and not advice.applies

    @pytest.mark.parametrize(
        ("jobs", "grant"), [(3, 5000), (5, 5000), (6, 10000), (9, 15000), (15, 25000), (30, 25000)]
    )
    def test_one_job_in_three_rounded_down_within_the_ceiling(self, jobs, grant):
        """Both ceilings are 15 jobs: 15 × 15 000 € = 225 000 €, 5 × 5 000 € = 25 000 €."""
        _loan, estimate, _advice = estimate_fiche(ALIXIO, Answers(jobs=jobs)).components
        assert estimate.amount == Decimal(grant)

    def test_the_grant_ceiling_is_reached_beyond_fifteen_jobs(self):
        loan, grant, _advice = estimate_fiche(ALIXIO, Answers(place=VITRY, jobs=18)).components
        assert loan.amount == Decimal("225000")
        assert grant.amount == Decimal("25000")
        assert euros(grant.formula).endswith("× 5 000 € = 30 000 €")
        assert euros(grant.limit) == "plafonné à 25 000 €"

    def test_the_loan_ceiling_is_reached_at_sixteen_jobs(self):
        loan = estimate_fiche(ALIXIO, Answers(jobs=16)).components[0]
        assert loan.amount == Decimal("225000")
        assert euros(loan.limit) == "plafonné à 225 000 €"

    def test_exactly_at_the_ceiling_is_not_capped(self):
        loan = estimate_fiche(ALIXIO, Answers(jobs=15)).components[0]
        assert loan.amount == Decimal("225000")
        assert "non atteint" in loan.limit

    def test_loans_and_grants_are_kept_apart(self):
        estimate = estimate_fiche(ALIXIO, Answers(place=VITRY, jobs=4))
        assert estimate.loans == Decimal("60000")
        assert estimate.grants == Decimal("5000")

    def test_without_jobs_nothing_is_guessed(self):
        loan, grant, _advice = estimate_fiche(ALIXIO, Answers(place=VITRY)).components
        assert loan.amount is None and grant.amount is None
        assert "indiquez le nombre d'emplois" in loan.not_computed

    def test_the_essonne_grant_is_for_essonne_only(self):
        advice = estimate_fiche(ALIXIO, Answers(place=ATHIS, jobs=4)).components[2]
        assert advice.applies
        assert euros(advice.not_computed) == (
            "Jusqu'à 15 000 € selon votre projet : non calculable ici."
        )
        unknown = estimate_fiche(ALIXIO, Answers(jobs=4)).components[2]
        assert unknown.applies and "indiquez votre commune" in unknown.not_computed


class TestKatalyse:
    def test_advice_is_described_not_counted_and_the_capped_grant_is_not_guessed(self):
        advice, grant = estimate_fiche(KATALYSE, Answers(jobs=4)).components
        assert advice.amount is None and not advice.not_computed
        assert advice.formula == "Jusqu'à 10 jours d'accompagnement"
        assert grant.amount is None
        assert "60 000 €" in euros(grant.not_computed)
        assert not estimate_fiche(KATALYSE, Answers()).has_amount


class TestUnits:
    def component(self, **figures):
        return Component("Aide", SUBVENTION, is_financial=True, **figures)

    def test_a_fixed_amount_counts_as_it_is(self):
        line = estimate_component(self.component(amount=Decimal("3000")), Answers())
        assert line.amount == Decimal("3000")
        assert euros(line.formula) == "Montant forfaitaire : 3 000 €"

    def test_per_hire_multiplies_like_per_job(self):
        line = estimate_component(
            self.component(amount=Decimal("4000"), unit="recrutement"), Answers(jobs=2)
        )
        assert line.amount == Decimal("8000")

    @pytest.mark.parametrize("unit", ["salarie", "mois", "an"])
    def test_units_the_questionnaire_cannot_measure_are_not_computed(self, unit):
        line = estimate_component(
            self.component(amount=Decimal("8000"), unit=unit, unit_label="par an"),
            Answers(jobs=3, staff=12),
        )
        assert line.amount is None
        assert "ne demande pas" in line.not_computed

    def test_no_figure_at_all(self):
        line = estimate_component(self.component(), Answers())
        assert line.amount is None and "à demander au contact" in line.not_computed

    def test_zero_jobs_is_no_amount_said_in_words(self):
        line = estimate_component(
            self.component(amount=Decimal("5000"), unit="emploi_cree"), Answers(jobs=0)
        )
        assert line.amount is None
        assert "vous ne prévoyez pas d'emploi en CDI" in line.not_computed


class TestTotal:
    def pair(self, facts, jobs=4):
        return facts, estimate_fiche(facts, Answers(place=VITRY, jobs=jobs))

    def grant_fiche(self, key, amount, not_combinable_with=()):
        return FicheFacts(
            key=key,
            components=(
                Component("Subvention", SUBVENTION, is_financial=True, amount=Decimal(amount)),
            ),
            not_combinable_with=frozenset(not_combinable_with),
        )

    def test_totals_add_up_per_nature(self):
        other = self.grant_fiche("autre", "7000")
        result = total([self.pair(ALIXIO), self.pair(other)])
        assert result.loans == Decimal("60000")
        assert result.grants == Decimal("12000")
        assert result.counted == ("alixio", "autre")
        assert result.left_out == ()

    def test_non_combinable_fiches_count_once_the_larger(self):
        small = self.grant_fiche("petite", "7000", not_combinable_with={"grande"})
        large = self.grant_fiche("grande", "9000")
        result = total([self.pair(small), self.pair(large)])
        assert result.grants == Decimal("9000")
        assert result.counted == ("grande",)
        assert result.left_out == (("petite", "grande"),)

    def test_either_side_saying_so_is_enough(self):
        small = self.grant_fiche("petite", "7000")
        large = self.grant_fiche("grande", "9000", not_combinable_with={"petite"})
        assert total([self.pair(small), self.pair(large)]).grants == Decimal("9000")

    def test_uncomputed_components_are_counted_apart(self):
        result = total([self.pair(ALIXIO), self.pair(KATALYSE)])
        # Katalyse's capped grant; not its advice, not Alixio's Essonne grant (not for Vitry).
        assert result.uncomputed == 1
