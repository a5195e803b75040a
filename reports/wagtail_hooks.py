"""Admin hooks of the reports (registered from guide/wagtail_hooks.py): URLs, the "Rapports"
menu entries, the dashboard panel."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports import urls
from reports.dashboard import AttentionPanel, visible_reports
from reports.views import REPORTS


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("rapports-guide/", include(urls, namespace="guide_reports"))]


class ReportMenuItem(MenuItem):
    def __init__(self, report):
        super().__init__(
            report.menu_label,
            reverse(report.url_name()),
            name=f"guide-{report.name}",
            icon_name=report.header_icon,
            order=report.menu_order,
        )
        self.report = report

    def is_shown(self, request):
        return self.report.is_visible_to(request.user)


def menu_item_hook(report):
    return lambda: ReportMenuItem(report)


for _report in REPORTS:
    hooks.register("register_reports_menu_item", menu_item_hook(_report))


@hooks.register("construct_homepage_panels")
def add_attention_panel(request, panels):
    if visible_reports(request.user):
        panels.append(AttentionPanel(request))
