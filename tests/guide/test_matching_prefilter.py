"""The database prefilter of the questionnaire (guide/matching/prefilter.py) leaves out exactly
the open fiches the rules reject on a criterion the database reads, never one they keep."""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from guide.matching.facts import Answers, Term, fiche_facts
from guide.matching.prefilter import candidates_q
from guide.matching.projects import PROJECTS
from guide.matching.questionnaire import resolve_place
from guide.matching.results import classify
from guide.matching.rules import evaluate
from guide.models import AidPage, Sector

pytestmark = pytest.mark.django_db

DATABASE_CRITERIA = {"territoire", "effectif", "anciennete", "emplois", "secteur", "projet"}
PLACES = ["Vitry-sur-Seine", "Orly", "Athis-Mons", "Cachan", "94120", "91300", "75011", "13001"]
SECTORS = ["industrie", "btp", "commerce", "numerique", "aeronautique", "environnement"]

answers_strategy = st.builds(
    lambda place, staff, age, jobs, sector, projects: (place, staff, age, jobs, sector, projects),
    st.one_of(st.none(), st.sampled_from(PLACES)),
    st.sampled_from([None, 0, 1, 9, 10, 49, 50, 249, 250, 5000]),
    st.sampled_from([None, 0, 1, 2, 3, 10]),
    st.sampled_from([None, 0, 2, 3, 4]),
    st.one_of(st.none(), st.sampled_from(SECTORS)),
    st.lists(st.sampled_from([p.key for p in PROJECTS]), max_size=3, unique=True),
)


def make_answers(place, staff, age, jobs, sector, projects):
    return Answers(
        place=resolve_place(place) if place else None,
        staff=staff,
        age_years=age,
        jobs=jobs,
        sector=Term(sector, Sector.objects.get(slug=sector).name) if sector else None,
        projects=tuple(projects),
    )


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=answers_strategy)
def test_the_prefilter_leaves_out_exactly_what_the_rules_reject_on_its_criteria(demo_guide, values):
    answers = make_answers(*values)
    fiches = AidPage.objects.in_guide(demo_guide).open()
    kept = set(fiches.filter(candidates_q(answers)).values_list("pk", flat=True))
    rejected_on_database_criteria = set()
    for page in fiches.with_relations():
        match = evaluate(fiche_facts(page), answers)
        if any(check.criterion in DATABASE_CRITERIA for check in match.failed):
            rejected_on_database_criteria.add(page.pk)
    every = set(fiches.values_list("pk", flat=True))
    assert every - kept == rejected_on_database_criteria


def test_the_scenario_leaves_most_fiches_to_the_database(demo_guide):
    answers = make_answers("Vitry-sur-Seine", 12, 8, 3, "industrie", ["recruter"])
    fiches = AidPage.objects.in_guide(demo_guide).open()
    assert fiches.filter(candidates_q(answers)).count() < fiches.count() / 2


def test_a_broad_question_classifies_at_most_the_bound(demo_guide, monkeypatch):
    monkeypatch.setattr("guide.matching.results.MAX_EVALUATED", 3)
    outcome = classify(demo_guide, Answers(staff=5))
    assert outcome.truncated and outcome.candidate_count > 3
    assert len(outcome.fits) + len(outcome.may_fit) <= 3
