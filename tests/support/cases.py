"""Eligibility cases for tests: saved directly, as the editor's inline would save them."""

from guide.models import Audience, CompanySize, EligibilityCase, ProjectStage, Sector, Territory


def territories(*cog_codes):
    found = []
    for cog_code in cog_codes:
        kind, code = cog_code.split("-", 1)
        found.append(Territory.objects.get(kind=kind, code=code))
    return found


def add_case(
    page,
    *,
    territories_cog=(),
    audiences=(),
    company_sizes=(),
    sectors=(),
    project_stages=(),
    **fields,
):
    """A case of ``page`` (saved) with these vocabularies (slugs; territories as COG codes) and
    figures (``staff_min``, ``establishment``...), after the page's other cases."""
    case = EligibilityCase.objects.create(
        page=page, sort_order=EligibilityCase.objects.filter(page=page).count(), **fields
    )
    case.territories.set(territories(*territories_cog))
    case.audiences.set(Audience.objects.filter(slug__in=audiences))
    case.company_sizes.set(CompanySize.objects.filter(slug__in=company_sizes))
    case.sectors.set(Sector.objects.filter(slug__in=sectors))
    case.project_stages.set(ProjectStage.objects.filter(slug__in=project_stages))
    case.save()  # a ParentalManyToManyField is written when its instance is saved
    return case
