"""Admin URLs of the reports: each report and its results fragment (filters refresh it)."""

from django.urls import path

from reports.views import REPORTS

app_name = "guide_reports"


def slug(report):
    return report.name.replace("_", "-")


urlpatterns = []
for report in REPORTS:
    urlpatterns += [
        path(f"{slug(report)}/", report.as_view(), name=report.name),
        path(
            f"{slug(report)}/resultats/",
            report.as_view(results_only=True),
            name=f"{report.name}_results",
        ),
    ]
