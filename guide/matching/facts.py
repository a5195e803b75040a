"""What the matching reads: a visitor's answers and a fiche's structured facts, as plain values.

The rules (``rules.py``) and the estimate (``estimate.py``) are pure functions of these two
objects, so every criterion and boundary is unit-tested without a database. ``fiche_facts()``
builds the facts of a saved fiche from its (prefetched) relations.
"""

from dataclasses import dataclass, field
from decimal import Decimal

# Aid types a business repays: never added to grants.
LOAN_TYPES = ("pret", "avance-remboursable")


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

    @property
    def is_empty(self):
        return (
            self.place is None
            and self.age_years is None
            and self.staff is None
            and self.sector is None
            and not self.projects
            and self.jobs is None
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
    conditions: tuple = ()


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
    )
