"""Random fiches with eligibility cases, saved in the database, against random answers:

- the database prefilter (``prefilter.candidates_q``) never leaves out a fiche the rules
  (``rules.evaluate``) do not reject;
- « vous correspond » (``Verdict.FITS``) appears exactly when an independent oracle, written
  here from the issue's sentence, says the fiche's own criteria and those of at least one of
  its cases are all answered and met.

The oracle reads the generated specification, not the database nor ``guide.matching``: its
tables (which commune lies in which territory, which staff makes which category, which
audience an answer proves) are written out by hand below. Two choices of the matching it
follows on purpose: a skipped project restricts nothing (the project is what the visitor looks
for), and a commune given without « déjà installée ? » is where the business is established.
"""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from guide.matching.facts import Answers, Term, fiche_facts
from guide.matching.prefilter import candidates_q
from guide.matching.questionnaire import resolve_place
from guide.matching.rules import Verdict, evaluate
from guide.models import (
    AidPage,
    AidType,
    Audience,
    CompanySize,
    EligibilityCase,
    ProjectStage,
    Sector,
    Territory,
)
from tests.support.factories import AidPageFactory

pytestmark = pytest.mark.django_db

EPT = "EPCI-200058014"
FRANCE = {"REG-11", "PAYS-99100"}
# What the visitor may type -> the COG codes of the territories that contain it.
PLACE_CODES = {
    "Vitry-sur-Seine": {"COM-94081", "DEP-94", EPT, *FRANCE},
    "Orly": {"COM-94054", "DEP-94", EPT, *FRANCE},
    "Athis-Mons": {"COM-91027", "DEP-91", EPT, *FRANCE},
    "91200": {"COM-91027", "DEP-91", EPT, *FRANCE},  # Athis-Mons's postal code
    "94999": {"DEP-94", *FRANCE},  # a Val-de-Marne postal code of no commune of ours
    "75011": set(FRANCE),
}
TERRITORIES = ["COM-94081", "COM-91027", "COM-94054", "DEP-94", "DEP-91", EPT]
AUDIENCES = ["pmi", "pme", "tpe", "commercants-artisans", "ess"]
SIZES = ["MIC", "PME", "ETI", "GE"]
SECTORS = ["industrie", "commerce", "artisanat", "services"]
STAGES = ["recrutement", "investissement", "creation"]
AID_TYPES = ["subvention", "pret", "accompagnement"]
# Project key -> (the project stages, the aid types) that serve it.
PROJECTS = {
    "recruter": ({"recrutement"}, set()),
    "investir": ({"investissement"}, set()),
    "creer": ({"creation"}, set()),
    "conseil": (set(), {"accompagnement"}),
}
ESTABLISHMENT_ANSWERS = [None, "installee", "en-cours", "non"]
# A case's requirement -> the answers to « déjà installée ? » that meet it (None: not asked).
ESTABLISHMENT_MET = {
    "implantee": {None, "installee"},
    "implantee-ou-en-cours": {None, "installee", "en-cours"},
}

# The oracle ---------------------------------------------------------------------------------


def category(staff):
    """The INSEE category by staff alone (the questionnaire does not ask the turnover)."""
    if staff < 10:
        return "MIC"
    if staff < 250:
        return "PME"
    if staff < 5000:
        return "ETI"
    return "GE"


def proves_audience(slug, answers):
    """Whether the answers show the business belongs to the audience (never for the ESS)."""
    staff, sector = answers["staff"], answers["sector"]
    if slug == "tpe":
        return staff is not None and staff < 10
    if slug == "pme":
        return staff is not None and staff < 250
    if slug == "pmi":
        return staff is not None and staff < 250 and sector == "industrie"
    if slug == "commercants-artisans":
        return sector in ("commerce", "artisanat")
    return False


def serves(criteria, project, is_case):
    stages, aid_types = PROJECTS[project]
    if is_case and not criteria["project_stages"]:
        return True  # a case without stages does not restrict the project
    return bool(stages & set(criteria["project_stages"])) or bool(
        aid_types & set(criteria.get("aid_types", ()))
    )


def all_met(criteria, answers, is_case=False):
    """Every criterion ``criteria`` states is answered and met by ``answers``."""
    place, staff = answers["place"], answers["staff"]
    age, jobs, sector = answers["age"], answers["jobs"], answers["sector"]
    low, high = criteria["staff_min"], criteria["staff_max"]
    required = criteria.get("establishment", "")
    # (the criterion is stated, the answers settle it and meet it)
    stated = [
        (
            criteria["territories"],
            place is not None and set(criteria["territories"]) & PLACE_CODES[place],
        ),
        (
            required,
            place is not None and answers["establishment"] in ESTABLISHMENT_MET.get(required, ()),
        ),
        (
            low is not None or high is not None,
            staff is not None and (low is None or staff >= low) and (high is None or staff <= high),
        ),
        (
            criteria["company_sizes"],
            staff is not None and category(staff) in criteria["company_sizes"],
        ),
        (criteria["min_years"], age is not None and age >= (criteria["min_years"] or 0)),
        (criteria["min_jobs"], jobs is not None and jobs >= (criteria["min_jobs"] or 0)),
        (criteria["sectors"], sector in criteria["sectors"]),
        (
            criteria["audiences"],
            any(proves_audience(slug, answers) for slug in criteria["audiences"]),
        ),
        (
            answers["projects"],
            any(serves(criteria, project, is_case) for project in answers["projects"]),
        ),
    ]
    return all(met for is_stated, met in stated if is_stated)


def oracle_fits(fiche, answers):
    return all_met(fiche, answers) and (
        not fiche["cases"] or any(all_met(case, answers, is_case=True) for case in fiche["cases"])
    )


# The strategies -----------------------------------------------------------------------------


def subset(values, max_size=2):
    """Often empty (no restriction), so that some random fiches fit."""
    return st.one_of(st.just([]), st.lists(st.sampled_from(values), max_size=max_size, unique=True))


def ordered_bounds(bounds):
    low, high = bounds
    if low is not None and high is not None and low > high:
        return high, low
    return low, high


criteria_strategy = st.fixed_dictionaries(
    {
        "territories": subset(TERRITORIES),
        "audiences": subset(AUDIENCES),
        "company_sizes": subset(SIZES),
        "sectors": subset(SECTORS),
        "project_stages": subset(STAGES),
        "staff": st.tuples(
            st.sampled_from([None, 0, 10, 50]), st.sampled_from([None, 9, 49, 249])
        ).map(ordered_bounds),
        "min_years": st.sampled_from([None, 0, 2, 5]),
        "min_jobs": st.sampled_from([None, 0, 1, 3]),
    }
)


def with_bounds(criteria, **extra):
    criteria = dict(criteria, **extra)
    criteria["staff_min"], criteria["staff_max"] = criteria.pop("staff")
    return criteria


case_strategy = st.builds(
    lambda criteria, establishment: with_bounds(criteria, establishment=establishment),
    criteria_strategy,
    st.sampled_from(["", "implantee", "implantee-ou-en-cours"]),
)
fiche_strategy = st.builds(
    lambda criteria, aid_types, cases: with_bounds(criteria, aid_types=aid_types, cases=cases),
    criteria_strategy,
    st.lists(st.sampled_from(AID_TYPES), min_size=1, max_size=2, unique=True),
    st.lists(case_strategy, max_size=3),
)
answers_strategy = st.fixed_dictionaries(
    {
        "place": st.sampled_from([None, *sorted(PLACE_CODES)]),
        "establishment": st.sampled_from(ESTABLISHMENT_ANSWERS),
        "staff": st.sampled_from([None, 0, 5, 9, 10, 30, 49, 50, 249, 250, 5000]),
        "age": st.sampled_from([None, 0, 1, 2, 5, 10]),
        "jobs": st.sampled_from([None, 0, 1, 3, 4]),
        "sector": st.sampled_from([None, *SECTORS, "numerique"]),
        "projects": st.lists(st.sampled_from(sorted(PROJECTS)), max_size=2, unique=True),
    }
)

# The database -------------------------------------------------------------------------------

VOCABULARIES = {
    "territories": lambda: {t.cog_code: t for t in Territory.objects.all()},
    "audiences": lambda: {a.slug: a for a in Audience.objects.all()},
    "company_sizes": lambda: {s.code: s for s in CompanySize.objects.all()},
    "sectors": lambda: {s.slug: s for s in Sector.objects.all()},
    "project_stages": lambda: {s.slug: s for s in ProjectStage.objects.all()},
    "aid_types": lambda: {t.slug: t for t in AidType.objects.all()},
}


class World:
    """A few fiches of the guide, created once per test; each example rewrites their criteria
    (fields, many-to-many rows and cases) in the test's transaction."""

    def __init__(self, guide_index, size=3):
        self.index = guide_index
        self.pages = [AidPageFactory(parent=guide_index, with_contact=False) for _ in range(size)]
        self.vocab = {name: load() for name, load in VOCABULARIES.items()}
        self.places = {}

    def set_relations(self, model, row, criteria, names):
        for name in names:
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = through.objects.filter(**{source: row})
            rows._raw_delete(rows.db)  # plain rows of a many-to-many table: no signal to send
            through.objects.bulk_create(
                through(**{source: row, target: self.vocab[name][key]}) for key in criteria[name]
            )

    def figures(self, criteria):
        return {
            "staff_min": criteria["staff_min"],
            "staff_max": criteria["staff_max"],
            "min_years_in_business": criteria["min_years"],
            "min_jobs_created": criteria["min_jobs"],
        }

    def save(self, fiches):
        pages = self.pages[: len(fiches)]
        for page, fiche in zip(pages, fiches, strict=True):
            AidPage.objects.filter(pk=page.pk).update(**self.figures(fiche))
            self.set_relations(AidPage, page, fiche, [*VOCABULARIES])
            EligibilityCase.objects.filter(page=page).delete()
            for position, case in enumerate(fiche["cases"]):
                row = EligibilityCase.objects.create(
                    page=page,
                    sort_order=position,
                    establishment=case["establishment"],
                    **self.figures(case),
                )
                self.set_relations(EligibilityCase, row, case, EligibilityCase.VOCABULARIES)
        return [page.pk for page in pages]

    def place(self, text):
        if text not in self.places:
            self.places[text] = resolve_place(text)
        return self.places[text]

    def answers(self, values):
        sector = values["sector"]
        return Answers(
            place=self.place(values["place"]) if values["place"] else None,
            staff=values["staff"],
            age_years=values["age"],
            jobs=values["jobs"],
            sector=Term(sector, self.vocab["sectors"][sector].name) if sector else None,
            projects=tuple(values["projects"]),
            establishment=values["establishment"],
        )


@pytest.fixture
def world(guide_index):
    return World(guide_index)


def judge(world, fiches, answer_sets):
    """For each set of answers: the fiches the prefilter keeps, and each fiche's match (in the
    order of ``fiches``)."""
    pks = world.save(fiches)
    selected = AidPage.objects.in_guide(world.index).open().filter(pk__in=pks)
    by_pk = {page.pk: fiche_facts(page) for page in selected.with_relations()}
    assert len(by_pk) == len(pks)
    for values in answer_sets:
        answers = world.answers(values)
        kept = set(selected.filter(candidates_q(answers)).values_list("pk", flat=True))
        yield values, kept, [(pk, evaluate(by_pk[pk], answers)) for pk in pks]


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    fiches=st.lists(fiche_strategy, min_size=1, max_size=3),
    answer_sets=st.lists(answers_strategy, min_size=1, max_size=3),
)
def test_random_cases_prefilter_never_drops_a_kept_fiche_and_fits_only_when_all_is_met(
    world, fiches, answer_sets
):
    for values, kept, matches in judge(world, fiches, answer_sets):
        for fiche, (pk, match) in zip(fiches, matches, strict=True):
            if pk not in kept:
                assert match.verdict == Verdict.DOES_NOT_FIT, (fiche, values, match)
            assert (match.verdict == Verdict.FITS) == oracle_fits(fiche, values), (
                fiche,
                values,
                match,
            )
