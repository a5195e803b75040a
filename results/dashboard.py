"""The admin dashboard's « Programmes » panel: per territory (site), this year's figures and
how many fiches each programme finances (published, and in all).

Shown to users who may edit programmes (the snippet's change permission): the figures are
public anyway, but the panel is a working tool for the team that records them.
"""

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Site
from wagtail.permissions import policy_registry

from guide import status
from guide.models import FundingProgramme, ProgrammeResult
from results import figures


def can_see_panel(user):
    return user.has_perm("guide.change_fundingprogramme")


def territory_rows(year, user):
    """[{site, programmes, this_year, latest_year, latest}] for every site with a programme
    that ``user`` may change (a territory's staff see their own territory's only)."""
    results = ProgrammeResult.objects.order_by("period_start", "pk")
    mine = policy_registry.get_by_type(FundingProgramme).instances_user_has_permission_for(
        user, "change"
    )
    programmes = (
        mine.select_related("site")
        .prefetch_related(Prefetch("results", queryset=results))
        .annotate(
            fiches=Count("aids", filter=Q(aids__locale__language_code="fr"), distinct=True),
            live_fiches=Count(
                "aids",
                filter=Q(aids__live=True, aids__locale__language_code="fr"),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    by_site = {}
    for programme in programmes:
        by_site.setdefault(programme.site_id, []).append(programme)
    sites = {site.pk: site for site in Site.objects.filter(pk__in=[k for k in by_site if k])}
    rows = []
    for site_id, site_programmes in by_site.items():
        all_results = [r for p in site_programmes for r in p.results.all()]
        this_year = figures.totals(figures.covering(all_results, year))
        # Else the last period with figures: a year, or a cumulative range (« 2019–2022 »).
        periods = figures.by_period(all_results)
        latest_period, latest = periods[-1] if periods and this_year.is_empty else (None, None)
        rows.append(
            {
                "site": sites.get(site_id),
                "programmes": [
                    {
                        "programme": p,
                        "url": reverse("wagtailsnippets_guide_fundingprogramme:edit", args=[p.pk]),
                    }
                    for p in site_programmes
                ],
                "this_year": this_year,
                "latest_period": latest_period.label if latest_period else "",
                "latest": latest,
            }
        )
    rows.sort(
        key=lambda row: (row["site"] is None, str(row["site"].site_name if row["site"] else ""))
    )
    return rows


class ProgrammesPanel(Component):
    name = "guide_programmes"
    template_name = "results/dashboard_panel.html"
    order = 60  # after « Fiches à suivre »

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        year = status.today().year
        return {"year": year, "territories": territory_rows(year, self.request.user)}
