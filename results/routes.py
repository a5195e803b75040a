"""The routes of « La revitalisation en chiffres » (core/routes.py): the territory's figures,
each programme's page and the figures as CSV (results/pages.py)."""

from django.urls import path

from results.models import ResultsPage
from results.pages import figures_csv, programme_context, results_context


def results(page, request):
    return page.render(request, context_overrides=results_context(page, request))


def programme(page, request, slug):
    return page.render(
        request,
        template="results/programme_page.html",
        context_overrides=programme_context(page, request, slug),
    )


ResultsPage.add_routes(
    path("", results, name="results"),
    path("programmes/<slug:slug>/", programme, name="programme"),
    path(ResultsPage.CSV_ROUTE, figures_csv, name="figures_csv"),
)
