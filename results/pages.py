"""What the routes of « La revitalisation en chiffres » show (results/routes.py): the territory's
totals and charts, each programme's page, and the figures as CSV."""

import csv
import io

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from core.i18n import route_links
from core.spreadsheets import neutralise_formula
from results import figures
from results.charts import Bar, Series, bar_chart
from results.programmes import programme_fiches, site_programmes

CSV_COLUMNS = (
    "programme",
    "nature",
    "periode_debut",
    "periode_fin",
    "entreprises_soutenues",
    "emplois_crees",
    "emplois_maintenus",
    "projets_finances",
    "prets_engages_eur",
    "subventions_engagees_eur",
    "montant_non_ventile_eur",
    "source",
    "date_source",
    "precision",
)


def amount_series():
    return [
        # Pinned styles: a series looks the same on every chart, whichever others it shows.
        Series("loans", _("Prêts"), style=1),
        Series("grants", _("Subventions"), style=2),
        Series("unsplit", _("Non ventilé"), style=3),
    ]


def amounts_chart(title, periods, chart_id):
    """Amounts committed per period, stacked: loans, grants, and what the source did not split."""
    bars = [
        Bar(
            period.label,
            {
                "loans": sums.loans_amount,
                "grants": sums.grants_amount,
                "unsplit": sums.unsplit_amount,
            },
        )
        for period, sums in periods
    ]
    series = amount_series()
    # A kind of amount no period gives is left out of the legend and the table.
    used = [s for s in series if any(bar.values[s.key] is not None for bar in bars)]
    return bar_chart(title, bars, used or series[:2], unit="€", chart_id=chart_id)


def jobs_chart(title, periods, chart_id):
    bars = [
        Bar(period.label, {"created": sums.jobs_created, "maintained": sums.jobs_maintained})
        for period, sums in periods
    ]
    series = [
        Series("created", _("Emplois créés"), style=1),
        Series("maintained", _("Emplois maintenus"), style=2),
    ]
    used = [s for s in series if any(bar.values[s.key] is not None for bar in bars)]
    return bar_chart(title, bars, used or series[:1], unit="", chart_id=chart_id)


def programme_summary(programme, chart_prefix):
    results = list(programme.results.all())
    periods = figures.by_period(results)
    return {
        "programme": programme,
        "results": results,
        "totals": figures.totals(results),
        "periods": periods,
        "amounts_chart": amounts_chart(
            _("Montants engagés par période : %(name)s") % {"name": programme.name},
            periods,
            f"{chart_prefix}-montants",
        ),
        "jobs_chart": jobs_chart(
            _("Emplois par période : %(name)s") % {"name": programme.name},
            periods,
            f"{chart_prefix}-emplois",
        ),
    }


def base_context(page, request, title=None, route=""):
    return {
        "page_title": title,
        "switcher_suffix": route,
        **route_links(page, request, route),
        "csv_url": (page.get_url(request) or "") + page.CSV_ROUTE,
    }


def results_context(page, request):
    programmes = site_programmes(page)
    all_results = [result for programme in programmes for result in programme.results.all()]
    periods = figures.by_period(all_results)
    return {
        **base_context(page, request),
        "totals": figures.totals(all_results),
        "sources": sorted(
            {(r.source, r.source_date, r.note) for r in all_results}, key=lambda s: (s[1], s[0])
        ),
        "amounts_chart": amounts_chart(
            _("Montants engagés par période"), periods, "total-montants"
        ),
        "jobs_chart": jobs_chart(_("Emplois par période"), periods, "total-emplois"),
        "summaries": [
            programme_summary(programme, f"programme-{programme.pk}") for programme in programmes
        ],
    }


def programme_context(page, request, slug):
    """The programme's page: a 404 for a programme of another site (or none)."""
    programme = next((p for p in site_programmes(page) if p.slug == slug), None)
    if programme is None:
        raise Http404
    route = page.programme_path(programme.slug)
    return {
        **base_context(page, request, title=programme.name, route=route),
        **programme_summary(programme, "programme"),
        "fiches": programme_fiches(page, programme),
    }


def figures_csv(page, request):
    """Every result of the site's programmes, one row each (UTF-8, comma, RFC 4180). Its texts
    (programme names, sources, notes) never run as formulas in a spreadsheet: those starting
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are written after a quote;
    figures stay numbers (``core/spreadsheets.py``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for programme in site_programmes(page):
        for result in programme.results.all():
            row = [
                programme.name,
                programme.kind,
                result.period_start,
                result.period_end or result.period_start,
                *(
                    "" if getattr(result, name) is None else getattr(result, name)
                    for name in figures.FIGURE_FIELDS
                ),
                result.source,
                result.source_date.isoformat(),
                result.note,
            ]
            writer.writerow([neutralise_formula(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="revitalisation-chiffres.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
