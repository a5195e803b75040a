"""The matching rules (guide/matching/rules.py): every criterion, its boundaries, skipped answers
and unstructured fiches. Pure functions: no database."""

import pytest

from guide.matching.facts import Answers, FicheFacts, Place, Term
from guide.matching.rules import (
    Verdict,
    audience_applies,
    check_age,
    check_audience,
    check_company_category,
    check_jobs,
    check_project,
    check_sector,
    check_staff,
    check_territory,
    evaluate,
    staff_category,
)

VITRY = Place("Vitry-sur-Seine", frozenset({"COM-94081", "EPCI-200058014", "DEP-94", "REG-11"}))
ATHIS = Place("Athis-Mons", frozenset({"COM-91027", "EPCI-200058014", "DEP-91", "REG-11"}))
VAL_DE_MARNE = Term("DEP-94", "Val-de-Marne (94)")
ESSONNE = Term("DEP-91", "Essonne (91)")
INDUSTRIE = Term("industrie", "Industrie")
COMMERCE = Term("commerce", "Commerce")
PME = Term("PME", "PME")
MIC = Term("MIC", "MIC")
ETI = Term("ETI", "ETI")


def verdict(check):
    return None if check is None else check.verdict


class TestTerritory:
    facts = FicheFacts(territories=(VAL_DE_MARNE,))

    def test_a_commune_inside_the_departement_fits_and_says_why(self):
        check = check_territory(self.facts, Answers(place=VITRY))
        assert check.verdict == Verdict.FITS
        assert check.text == "Vous êtes à Vitry-sur-Seine : aide pour Val-de-Marne (94)"

    def test_a_commune_elsewhere_does_not_fit(self):
        check = check_territory(self.facts, Answers(place=ATHIS))
        assert check.verdict == Verdict.DOES_NOT_FIT
        assert "réservée à Val-de-Marne (94)" in check.text

    def test_any_of_several_territories_is_enough(self):
        facts = FicheFacts(territories=(VAL_DE_MARNE, ESSONNE))
        check = check_territory(facts, Answers(place=ATHIS))
        assert check.verdict == Verdict.FITS
        assert "Essonne (91)" in check.text and "Val-de-Marne" not in check.text

    def test_skipped_commune_may_fit(self):
        check = check_territory(self.facts, Answers())
        assert check.verdict == Verdict.MAY_FIT
        assert "Indiquez votre commune" in check.text

    def test_a_postal_code_outside_the_communes_is_named_as_such(self):
        place = Place("94120", frozenset({"DEP-94", "REG-11"}), is_commune=False)
        check = check_territory(self.facts, Answers(place=place))
        assert check.verdict == Verdict.FITS
        assert check.text.startswith("Votre code postal, 94120")


class TestStaff:
    facts = FicheFacts(staff_min=10, staff_max=49)

    @pytest.mark.parametrize(
        "staff, expected",
        [
            (9, Verdict.DOES_NOT_FIT),
            (10, Verdict.FITS),  # exactly the minimum
            (49, Verdict.FITS),  # exactly the maximum
            (50, Verdict.DOES_NOT_FIT),
            (None, Verdict.MAY_FIT),
        ],
    )
    def test_boundaries_are_inclusive(self, staff, expected):
        assert verdict(check_staff(self.facts, Answers(staff=staff))) == expected

    def test_no_limit_gives_no_line(self):
        assert check_staff(FicheFacts(), Answers(staff=12)) is None

    def test_the_text_gives_both_figures(self):
        check = check_staff(FicheFacts(staff_max=49), Answers(staff=12))
        assert check.text == "Vous avez 12 salariés : effectif demandé, 49 salariés au plus"

    def test_no_employee_at_all(self):
        facts = FicheFacts(staff_min=0, staff_max=0)
        assert verdict(check_staff(facts, Answers(staff=0))) == Verdict.FITS
        assert verdict(check_staff(facts, Answers(staff=1))) == Verdict.DOES_NOT_FIT
        assert "sans salarié" in check_staff(facts, Answers(staff=1)).text


class TestCompanyCategory:
    @pytest.mark.parametrize(
        "staff, category", [(0, "MIC"), (9, "MIC"), (10, "PME"), (249, "PME"), (250, "ETI")]
    )
    def test_staff_places_a_business_in_a_category(self, staff, category):
        assert staff_category(staff) == category

    def test_staff_in_the_category_fits(self):
        check = check_company_category(FicheFacts(company_sizes=(PME,)), Answers(staff=12))
        assert check.verdict == Verdict.FITS

    def test_too_large_for_every_listed_category_does_not_fit(self):
        facts = FicheFacts(company_sizes=(MIC, PME))
        assert verdict(check_company_category(facts, Answers(staff=249))) == Verdict.FITS
        assert verdict(check_company_category(facts, Answers(staff=250))) == Verdict.DOES_NOT_FIT

    def test_smaller_than_the_category_may_fit_by_turnover(self):
        check = check_company_category(FicheFacts(company_sizes=(PME,)), Answers(staff=5))
        assert check.verdict == Verdict.MAY_FIT
        assert "chiffre d'affaires" in check.text

    def test_a_large_company_category_has_no_upper_limit(self):
        facts = FicheFacts(company_sizes=(ETI, Term("GE", "GE")))
        assert verdict(check_company_category(facts, Answers(staff=20_000))) == Verdict.FITS

    def test_skipped_staff_may_fit(self):
        assert verdict(check_company_category(FicheFacts(company_sizes=(PME,)), Answers())) == (
            Verdict.MAY_FIT
        )


class TestAge:
    facts = FicheFacts(min_years=3)

    @pytest.mark.parametrize(
        "age, expected",
        [(2, Verdict.DOES_NOT_FIT), (3, Verdict.FITS), (40, Verdict.FITS), (None, Verdict.MAY_FIT)],
    )
    def test_minimum_age(self, age, expected):
        assert verdict(check_age(self.facts, Answers(age_years=age))) == expected

    def test_text(self):
        check = check_age(self.facts, Answers(age_years=1))
        assert check.text == "Votre entreprise a 1 an : au moins 3 ans d'existence requis"

    def test_no_minimum_gives_no_line(self):
        assert check_age(FicheFacts(), Answers(age_years=0)) is None


class TestSector:
    def test_open_to_every_sector_is_said_when_the_sector_is_known(self):
        check = check_sector(FicheFacts(), Answers(sector=INDUSTRIE))
        assert check.verdict == Verdict.FITS
        assert "tous les secteurs" in check.text
        assert check_sector(FicheFacts(), Answers()) is None

    def test_listed_sector(self):
        facts = FicheFacts(sectors=(INDUSTRIE,))
        assert verdict(check_sector(facts, Answers(sector=INDUSTRIE))) == Verdict.FITS
        refused = check_sector(facts, Answers(sector=COMMERCE))
        assert refused.verdict == Verdict.DOES_NOT_FIT
        assert "réservée à Industrie" in refused.text
        assert verdict(check_sector(facts, Answers())) == Verdict.MAY_FIT


class TestProject:
    facts = FicheFacts(
        project_stages=frozenset({"recrutement", "developpement"}),
        aid_types=frozenset({"pret"}),
    )

    def test_one_served_project_is_enough(self):
        check = check_project(self.facts, Answers(projects=("exporter", "recruter")))
        assert check.verdict == Verdict.FITS
        assert check.text == "Votre projet : Recruter"

    def test_no_served_project_does_not_fit(self):
        check = check_project(self.facts, Answers(projects=("exporter",)))
        assert check.verdict == Verdict.DOES_NOT_FIT

    def test_a_project_read_from_aid_types(self):
        facts = FicheFacts(aid_types=frozenset({"hebergement"}))
        assert verdict(check_project(facts, Answers(projects=("locaux",)))) == Verdict.FITS
        assert verdict(check_project(facts, Answers(projects=("conseil",)))) == (
            Verdict.DOES_NOT_FIT
        )

    def test_a_fiche_without_stages_may_fit_a_stage_project(self):
        facts = FicheFacts(aid_types=frozenset({"garantie"}))
        assert verdict(check_project(facts, Answers(projects=("investir",)))) == Verdict.MAY_FIT

    def test_skipped_or_unknown_project_restricts_nothing(self):
        assert check_project(self.facts, Answers()) is None
        assert check_project(self.facts, Answers(projects=("inconnu",))) is None


class TestJobs:
    facts = FicheFacts(min_jobs=3)

    @pytest.mark.parametrize(
        "jobs, expected",
        [(2, Verdict.DOES_NOT_FIT), (3, Verdict.FITS), (4, Verdict.FITS), (None, Verdict.MAY_FIT)],
    )
    def test_minimum_jobs(self, jobs, expected):
        assert verdict(check_jobs(self.facts, Answers(jobs=jobs))) == expected

    def test_text_as_the_issue_words_it(self):
        check = check_jobs(self.facts, Answers(jobs=3))
        assert check.text == "Vous créez 3 emplois en CDI : minimum 3 requis"

    def test_no_minimum_gives_no_line(self):
        assert check_jobs(FicheFacts(), Answers(jobs=0)) is None


class TestAudience:
    @pytest.mark.parametrize(
        "slug, answers, expected",
        [
            ("tpe", Answers(staff=9), True),
            ("tpe", Answers(staff=10), False),
            ("pme", Answers(staff=249), True),
            ("pme", Answers(staff=250), False),
            ("eti", Answers(staff=250), True),
            ("pmi", Answers(staff=12, sector=INDUSTRIE), True),
            ("pmi", Answers(staff=12, sector=COMMERCE), False),
            ("pmi", Answers(staff=12), None),
            ("pmi", Answers(staff=300), False),
            ("commercants-artisans", Answers(sector=COMMERCE), True),
            ("commercants-artisans", Answers(sector=INDUSTRIE), False),
            ("createurs", Answers(projects=("creer",)), True),
            ("createurs", Answers(projects=("recruter",)), None),
            ("independants", Answers(staff=0), True),
            ("ess", Answers(staff=3, sector=COMMERCE), None),
            ("tpe", Answers(), None),
        ],
    )
    def test_what_the_answers_tell(self, slug, answers, expected):
        assert audience_applies(slug, answers) is expected

    def test_one_matching_audience_fits(self):
        facts = FicheFacts(audiences=(Term("tpe", "TPE"), Term("pme", "PME")))
        check = check_audience(facts, Answers(staff=12))
        assert check.verdict == Verdict.FITS
        assert check.text == "Public de l'aide : PME"

    def test_every_audience_ruled_out_does_not_fit(self):
        facts = FicheFacts(audiences=(Term("tpe", "TPE"),))
        assert verdict(check_audience(facts, Answers(staff=12))) == Verdict.DOES_NOT_FIT

    def test_an_audience_the_questionnaire_cannot_tell_may_fit(self):
        facts = FicheFacts(audiences=(Term("tpe", "TPE"), Term("ess", "ESS")))
        assert verdict(check_audience(facts, Answers(staff=12))) == Verdict.MAY_FIT


class TestEvaluate:
    facts = FicheFacts(
        territories=(VAL_DE_MARNE,),
        staff_max=49,
        min_jobs=3,
        project_stages=frozenset({"recrutement"}),
    )

    def test_every_criterion_met_fits(self):
        match = evaluate(self.facts, Answers(place=VITRY, staff=12, jobs=3, projects=("recruter",)))
        assert match.verdict == Verdict.FITS
        assert [check.criterion for check in match.met] == [
            "territoire",
            "projet",
            "effectif",
            "emplois",
        ]

    def test_one_skipped_answer_makes_it_a_may_fit(self):
        match = evaluate(self.facts, Answers(place=VITRY, staff=12, projects=("recruter",)))
        assert match.verdict == Verdict.MAY_FIT
        assert [check.criterion for check in match.to_check] == ["emplois"]

    def test_one_failed_criterion_wins_over_unknown_ones(self):
        match = evaluate(self.facts, Answers(place=ATHIS))
        assert match.verdict == Verdict.DOES_NOT_FIT
        assert [check.criterion for check in match.failed] == ["territoire"]

    def test_a_fiche_restricting_nothing_fits_any_answers(self):
        assert evaluate(FicheFacts(), Answers(staff=3)).verdict == Verdict.FITS
