"""The database's share of the matching: leave out the fiches the rules would reject anyway.

``rules.py`` decides; this filter only spares it the fiches that certainly fail a criterion the
database can read (territory, staff, age, minimum jobs, sector, project, and the same in each
eligibility case), so that a guide of thousands of fiches is not loaded into memory for each
answer. It must never leave out a fiche the rules would keep:
``tests/guide/test_matching_prefilter.py`` checks that every fiche it excludes is one the rules
say does not fit. The company category and the audiences stay in Python (their rules read
several answers at once), except the sectors an audience implies (``audiences.py``).

The builders here (``related``, ``criteria_q``, ``cases_allow_q``, ``eligible_q``) are also what
the listing's filters and counts use (``guide/listing/search.py``): one reading of a fiche's
criteria.
"""

from django.db.models import Exists, OuterRef, Q

from guide.matching.audiences import AUDIENCE_SECTORS
from guide.matching.facts import ESTABLISHED, MOVING_IN, NOT_ESTABLISHED
from guide.matching.projects import PROJECTS_BY_KEY
from guide.models import AidPage, EligibilityCase, Establishment, Territory


def related(field, model=AidPage, **lookups):
    """Whether the row (a fiche, or a case) has a row in its ``field`` many-to-many table
    (matching ``lookups``).

    An uncorrelated ``pk IN (SELECT …)``, not an ``EXISTS`` per row: PostgreSQL reads the
    table once, as a hashed set, whatever the number of fiches, and the plan's estimate stays
    far below ``jit_above_cost`` (correlated, the cases' subqueries made the questionnaire's
    query cost 219 000 at 2 000 fiches, and compiling it took longer than running it:
    benchmarks/questionnaire_benchmark.py)."""
    through = getattr(model, field).through
    return Q(pk__in=through.objects.filter(**lookups).values(model._meta.model_name))


class OptionRow:
    """A filter's option as a row of the enclosing query (a ``Sector`` or an ``Audience``), in
    place of a list of slugs: the listing counts all the options of a filter in one query, the
    database evaluating the same criteria for each row (``guide/listing/search.py``).

    ``ref`` points at the option's pk from the query of the criteria's rows (the fiches, or
    their cases: ``deeper``)."""

    def __init__(self, model, ref=None):
        self.model = model
        self.ref = ref if ref is not None else OuterRef("pk")

    def deeper(self):
        return OptionRow(self.model, OuterRef(self.ref))

    def lookups(self, field):
        """The lookups of ``related`` on ``field`` that select this option (one level down)."""
        return {field: OuterRef(self.ref)}

    def slug_in(self, slugs):
        """Whether the option is one of ``slugs``."""
        return Q(Exists(self.model.objects.filter(pk=OuterRef(self.ref), slug__in=slugs)))


def chosen(field, values):
    """``related``'s lookups on ``field`` for the chosen slugs, or an ``OptionRow``."""
    if isinstance(values, OptionRow):
        return values.lookups(field)
    return {f"{field}__slug__in": values}


def audiences_implying_q(sector_slugs, model):
    """The rows with an audience made of one of the sectors (``audiences.AUDIENCE_SECTORS``)."""
    if not isinstance(sector_slugs, OptionRow):
        implying = [
            slug for slug, sectors in AUDIENCE_SECTORS.items() if sectors & set(sector_slugs)
        ]
        return related("audiences", model, audience__slug__in=implying)
    q = Q(pk__in=[])
    for audience, sectors in AUDIENCE_SECTORS.items():
        q |= related("audiences", model, audience__slug=audience) & sector_slugs.slug_in(sectors)
    return q


def sector_allowed_q(sector_slugs, model=AidPage):
    """The rows whose criteria admit one of ``sector_slugs``: one of their sectors; or no
    sector and no audience, an audience found in every sector, or an audience made of one of
    those sectors (a PMI is industrial: ``audiences.AUDIENCE_SECTORS``). ``sector_slugs`` may be
    an ``OptionRow``."""
    any_sector_audience = Q(
        pk__in=model.audiences.through.objects.exclude(
            audience__slug__in=list(AUDIENCE_SECTORS)
        ).values(model._meta.model_name)
    )
    audiences_admit = (
        ~related("audiences", model)
        | any_sector_audience
        | audiences_implying_q(sector_slugs, model)
    )
    return related("sectors", model, **chosen("sector", sector_slugs)) | (
        ~related("sectors", model) & audiences_admit
    )


def staff_q(staff):
    return (Q(staff_min__isnull=True) | Q(staff_min__lte=staff)) & (
        Q(staff_max__isnull=True) | Q(staff_max__gte=staff)
    )


def territory_ids(place):
    wanted = Q(pk__in=[])
    for code in place.codes:
        kind, _, value = code.partition("-")
        wanted |= Q(kind=kind, code=value)
    return list(Territory.objects.filter(wanted).values_list("pk", flat=True))


def establishment_q(answer):
    """The cases an answer to « déjà installée ? » does not rule out."""
    if answer == NOT_ESTABLISHED:
        return Q(establishment=Establishment.ANY)
    if answer == MOVING_IN:
        return ~Q(establishment=Establishment.ESTABLISHED)
    return Q()


def cases_allow_q(case_q):
    """The fiches without cases, or with one case matching ``case_q`` (a Q on
    ``EligibilityCase``).

    Uncorrelated subqueries, as ``related``'s: the cases are read once, not once per fiche."""
    with_cases = EligibilityCase.objects.values("page_id")
    allowing = EligibilityCase.objects.filter(case_q).values("page_id")
    return ~Q(pk__in=with_cases) | Q(pk__in=allowing)


def criteria_q(
    model,
    territory_ids=None,
    staff=None,
    age_years=None,
    jobs=None,
    sector_slugs=None,
    audience_slugs=None,
):
    """A Q on ``model`` (AidPage or EligibilityCase) keeping the rows whose own criteria admit
    the given values; ``None`` asks nothing. ``audience_slugs`` is the listing's « Votre
    entreprise » filter: the row lists no audience, or one of them. ``sector_slugs`` and
    ``audience_slugs`` may be an ``OptionRow`` (the listing's counts)."""
    age_field = "min_years_in_business"
    jobs_field = "min_jobs_created"
    q = Q()
    if territory_ids is not None:
        q &= ~related("territories", model) | related(
            "territories", model, territory_id__in=territory_ids
        )
    if staff is not None:
        q &= staff_q(staff)
    if age_years is not None:
        q &= Q(**{f"{age_field}__isnull": True}) | Q(**{f"{age_field}__lte": age_years})
    if jobs is not None:
        q &= Q(**{f"{jobs_field}__isnull": True}) | Q(**{f"{jobs_field}__lte": jobs})
    if sector_slugs:
        q &= sector_allowed_q(sector_slugs, model)
    if audience_slugs:
        q &= ~related("audiences", model) | related(
            "audiences", model, **chosen("audience", audience_slugs)
        )
    return q


def eligible_q(**values):
    """A Q on ``AidPage``: the fiches whose own criteria admit ``values`` (``criteria_q``'s
    keywords) and that have no case, or one case admitting all of them at once (the listing's
    filters: a fiche is under Essonne + Commerce only if one of its cases allows both)."""
    case_values = {
        name: value.deeper() if isinstance(value, OptionRow) else value
        for name, value in values.items()
    }
    case_q = criteria_q(EligibilityCase, **case_values)
    if case_q == Q():  # nothing asked
        return criteria_q(AidPage, **values)
    return criteria_q(AidPage, **values) & cases_allow_q(case_q)


def project_q(project):
    served = Q(pk__in=[])
    if project.stages:
        served |= related("project_stages", projectstage__slug__in=project.stages)
    if project.aid_types:
        served |= related("aid_types", aidtype__slug__in=project.aid_types)
    if project.stages and not project.aid_types:
        served |= ~related("project_stages")  # the fiche does not say: may fit
    return served


def case_project_q(projects):
    """The cases that do not rule out every project: no stage of their own, or a stage of one
    of the projects (a case restricts by stages only: rules.check_project)."""
    stages = set().union(*(project.stages for project in projects))
    return ~related("project_stages", EligibilityCase) | related(
        "project_stages", EligibilityCase, projectstage__slug__in=stages
    )


def candidates_q(answers):
    """A Q on ``AidPage`` keeping every fiche that fits or may fit ``answers``."""
    values = {
        "territory_ids": territory_ids(answers.place) if answers.place is not None else None,
        "staff": answers.staff,
        "age_years": answers.age_years,
        "jobs": answers.jobs,
        "sector_slugs": [answers.sector.slug] if answers.sector is not None else None,
    }
    q = criteria_q(AidPage, **values)
    case_q = criteria_q(EligibilityCase, **values)
    if answers.place is not None:
        case_q &= establishment_q(answers.establishment or ESTABLISHED)
    projects = [PROJECTS_BY_KEY[key] for key in answers.projects if key in PROJECTS_BY_KEY]
    if projects:
        any_project = Q(pk__in=[])
        for project in projects:
            any_project |= project_q(project)
        q &= any_project
        case_q &= case_project_q(projects)
    return q & cases_allow_q(case_q)
