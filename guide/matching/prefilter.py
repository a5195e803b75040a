"""The database's share of the matching: leave out the fiches the rules would reject anyway.

``rules.py`` decides; this filter only spares it the fiches that certainly fail a criterion the
database can read (territory, staff, age, minimum jobs, sector, project), so that a guide of
thousands of fiches is not loaded into memory for each answer. It must never leave out a fiche
the rules would keep: ``tests/guide/test_matching_prefilter.py`` checks that every fiche it excludes
is one the rules say does not fit. The company category and the audiences stay in Python (their
rules read several answers at once).
"""

from django.db.models import Exists, OuterRef, Q

from guide.matching.projects import PROJECTS_BY_KEY
from guide.models import AidPage, Territory


def related(field, **lookups):
    """Whether the fiche has a row in the ``field`` many-to-many table (matching ``lookups``)."""
    through = getattr(AidPage, field).through
    return Exists(through.objects.filter(aidpage=OuterRef("pk"), **lookups))


def territory_ids(place):
    wanted = Q(pk__in=[])
    for code in place.codes:
        kind, _, value = code.partition("-")
        wanted |= Q(kind=kind, code=value)
    return list(Territory.objects.filter(wanted).values_list("pk", flat=True))


def project_q(project):
    served = Q(pk__in=[])
    if project.stages:
        served |= related("project_stages", projectstage__slug__in=project.stages)
    if project.aid_types:
        served |= related("aid_types", aidtype__slug__in=project.aid_types)
    if project.stages and not project.aid_types:
        served |= ~related("project_stages")  # the fiche does not say: may fit
    return served


def candidates_q(answers):
    """A Q on ``AidPage`` keeping every fiche that fits or may fit ``answers``."""
    q = Q()
    if answers.place is not None:
        q &= related("territories", territory_id__in=territory_ids(answers.place))
    if answers.staff is not None:
        q &= Q(staff_min__isnull=True) | Q(staff_min__lte=answers.staff)
        q &= Q(staff_max__isnull=True) | Q(staff_max__gte=answers.staff)
    if answers.age_years is not None:
        q &= Q(min_years_in_business__isnull=True) | Q(min_years_in_business__lte=answers.age_years)
    if answers.jobs is not None:
        q &= Q(min_jobs_created__isnull=True) | Q(min_jobs_created__lte=answers.jobs)
    if answers.sector is not None:
        q &= ~related("sectors") | related("sectors", sector__slug=answers.sector.slug)
    projects = [PROJECTS_BY_KEY[key] for key in answers.projects if key in PROJECTS_BY_KEY]
    if projects:
        any_project = Q(pk__in=[])
        for project in projects:
            any_project |= project_q(project)
        q &= any_project
    return q
