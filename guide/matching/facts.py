"""What the matching reads: a visitor's answers and a fiche's structured facts, as plain values.

The rules (``rules.py``) and the estimate (``estimate.py``) are pure functions of these two
objects, so every criterion and boundary is unit-tested without a database. ``fiche_facts()``
builds the facts of a saved fiche from its (prefetched) relations.
"""

from dataclasses import dataclass, field
from decimal import Decimal

# Aid types a business repays: never added to grants.
LOAN_TYPES = ("pret", "avance-remboursable")

# The answers to « Votre entreprise est-elle déjà installée sur le territoire ? ».
ESTABLISHED = "installee"
MOVING_IN = "en-cours"
NOT_ESTABLISHED = "non"


@dataclass(frozen=True)
class Term:
    """A vocabulary value: its stable slug (or code) and its label in the active language."""

    slug: str
    label: str


@dataclass(frozen=True)
class Place:
    """Where the business is: what the visitor typed, resolved to the COG codes that contain it
    (the commune, its EPT, its département, the région, France)."""

    label: str
    codes: frozenset = frozenset()
    is_commune: bool = True


@dataclass(frozen=True)
class Answers:
    """The questionnaire's answers; ``None`` or empty means the question was skipped."""

    place: Place | None = None
    age_years: int | None = None
    staff: int | None = None
    sector: Term | None = None
    projects: tuple = ()
    jobs: int | None = None
    # Whether the business is already in the commune given: ``ESTABLISHED``, ``MOVING_IN`` or
    # ``NOT_ESTABLISHED`` (above). A commune given without this answer is where the business
    # is established: the questionnaire asks « Votre commune », and asks this only when an
    # open fiche of the guide has a case requiring it (``questionnaire.establishment_matters``);
    # the URLs made before the question existed keep their meaning.
    establishment: str | None = None
    # Apprentices and work-study contracts the business plans to hire: not CDI jobs (they never
    # count towards a fiche's minimum of jobs created), but a hire (the « Recruter » project).
    apprentices: int | None = None
    # The project's amount in euros (« investissement »): the basis of a component's maximum
    # share when that share is of the project's expenses (``estimate.INVESTMENT_BASIS``).
    investment: Decimal | None = None

    @property
    def is_empty(self):
        return (
            self.place is None
            and self.age_years is None
            and self.staff is None
            and self.sector is None
            and not self.projects
            and self.jobs is None
            and self.apprentices is None
            and self.investment is None
        )


@dataclass(frozen=True)
class Component:
    """A financial component, as the estimate reads it."""

    title: str
    aid_type: Term
    is_financial: bool
    is_loan: bool = False
    amount: Decimal | None = None
    unit: str = "beneficiaire"
    unit_label: str = ""
    ceiling: Decimal | None = None
    max_share_percent: Decimal | None = None
    max_share_basis: str = ""
    advisory_days: int | None = None
    territory: Term | None = None
    audience: Term | None = None
    sector: Term | None = None
    unit_share: tuple | None = None  # (1, 3): at most one unit in three is aided
    conditions: tuple = ()


@dataclass(frozen=True)
class CaseFacts:
    """One case of a fiche's eligibility (``EligibilityCase``): criteria that must all hold, on
    top of the fiche's own. ``name`` says which case a reason is about (« Essonne (91) »)."""

    name: str = ""
    territories: tuple = ()
    staff_min: int | None = None
    staff_max: int | None = None
    company_sizes: tuple = ()
    min_years: int | None = None
    min_jobs: int | None = None
    sectors: tuple = ()
    audiences: tuple = ()
    project_stages: frozenset = frozenset()
    aid_types: frozenset = frozenset()  # a case restricts stages only (see rules.check_project)
    establishment: str = ""  # guide.models.Establishment


@dataclass(frozen=True)
class FicheFacts:
    """A fiche's structured eligibility and amounts. Empty vocabularies mean "no restriction"."""

    key: str = ""
    territories: tuple = ()  # Terms whose slug is the COG code (``DEP-94``)
    staff_min: int | None = None
    staff_max: int | None = None
    company_sizes: tuple = ()  # Terms whose slug is the INSEE code (``PME``)
    min_years: int | None = None
    min_jobs: int | None = None
    sectors: tuple = ()
    audiences: tuple = ()
    project_stages: frozenset = frozenset()
    aid_types: frozenset = frozenset()
    components: tuple = ()
    not_combinable_with: frozenset = field(default_factory=frozenset)  # keys of other fiches
    prose_conditions: tuple = ()
    cases: tuple = ()  # CaseFacts: the fiche's criteria and one of them must hold
    establishment: str = ""  # the fiche's own criteria never require it: only a case does


def term(item):
    return Term(item.slug, item.label)


def case_facts(case):
    return CaseFacts(
        name=case.name,
        territories=tuple(Term(t.cog_code, str(t)) for t in case.territories.all()),
        staff_min=case.staff_min,
        staff_max=case.staff_max,
        company_sizes=tuple(Term(size.code, size.label) for size in case.company_sizes.all()),
        min_years=case.min_years_in_business,
        min_jobs=case.min_jobs_created,
        sectors=tuple(term(sector) for sector in case.sectors.all()),
        audiences=tuple(term(audience) for audience in case.audiences.all()),
        project_stages=frozenset(stage.slug for stage in case.project_stages.all()),
        establishment=case.establishment,
    )


def fiche_facts(page):
    """The facts of an ``AidPage`` (its relations prefetched, see ``results.open_fiches``).

    ``key`` is the translation key, shared by a fiche and its translations, so that "not
    combinable with" holds in every language.
    """
    components = tuple(
        Component(
            title=component.title,
            aid_type=Term(component.aid_type.slug, component.aid_type.label),
            is_financial=component.aid_type.is_financial,
            is_loan=component.aid_type.slug in LOAN_TYPES,
            amount=component.amount,
            unit=component.unit,
            unit_label=component.get_unit_display(),
            ceiling=component.ceiling,
            max_share_percent=component.max_share_percent,
            max_share_basis=component.max_share_basis,
            advisory_days=component.advisory_days,
            territory=(
                Term(component.territory.cog_code, str(component.territory))
                if component.territory_id
                else None
            ),
            audience=term(component.audience) if component.audience_id else None,
            sector=term(component.sector) if component.sector_id else None,
            unit_share=(
                (component.unit_share_count, component.unit_share_total)
                if component.unit_share_count and component.unit_share_total
                else None
            ),
            conditions=tuple(component.condition_lines()),
        )
        for component in page.financial_components.all()
    )
    return FicheFacts(
        key=str(page.translation_key),
        territories=tuple(Term(t.cog_code, str(t)) for t in page.territories.all()),
        staff_min=page.staff_min,
        staff_max=page.staff_max,
        company_sizes=tuple(Term(size.code, size.label) for size in page.company_sizes.all()),
        min_years=page.min_years_in_business,
        min_jobs=page.min_jobs_created,
        sectors=tuple(Term(sector.slug, sector.label) for sector in page.sectors.all()),
        audiences=tuple(Term(a.slug, a.label) for a in page.audiences.all()),
        project_stages=frozenset(stage.slug for stage in page.project_stages.all()),
        aid_types=frozenset(aid_type.slug for aid_type in page.aid_types.all()),
        components=components,
        not_combinable_with=frozenset(
            str(other.translation_key) for other in page.not_combinable_with.all()
        ),
        prose_conditions=tuple(page.eligibility_lines()),
        cases=tuple(case_facts(case) for case in page.eligibility_cases.all()),
    )
