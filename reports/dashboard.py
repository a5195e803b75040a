"""The admin dashboard's panel: how many fiches (and records) need attention, per report."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from guide import status
from reports.views import REPORTS


def visible_reports(user):
    return [report for report in REPORTS if report.is_visible_to(user)]


class AttentionPanel(Component):
    """One line per report the user may open: its count, linked to the report.

    Added to the dashboard only for a user who sees at least one report (see wagtail_hooks).
    """

    name = "guide_attention"
    template_name = "reports/dashboard_panel.html"
    order = 50  # first: before Wagtail's moderation, recent edits and locked pages panels

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        on = status.today()
        rows = [
            {
                "label": report.menu_label,
                "count": report.count_for(user, on),
                "url": reverse(report.url_name()),
                "icon": report.header_icon,
            }
            for report in visible_reports(user)
        ]
        return {"rows": rows}
