"""The routes of « La revitalisation en chiffres » (``ResultsPage``): the territory's totals and
charts, each programme's page, and the figures as CSV."""

import csv
import io

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.i18n import live_translations
from core.sites import site_of_page
from guide.models import AidPage, FundingProgramme, ProgrammeResult
from guide.results import figures
from guide.results.charts import Bar, Series, bar_chart

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


def page_site(page, request=None):
    """The site ``page`` belongs to, its translations included; None for a page outside every
    site, which then shows no programme (never the request's site's: a preview of another tree
    must not show them)."""
    return site_of_page(page)


def site_programmes(page, request=None):
    """The programmes of the page's site, each with its results in chronological order and
    its funders, in a fixed number of queries."""
    site = page_site(page, request)
    if site is None:
        return []
    results = ProgrammeResult.objects.order_by("period_start", "period_end", "pk")
    return list(
        FundingProgramme.objects.filter(site=site)
        .prefetch_related(Prefetch("results", queryset=results), "funders", "territories")
        .order_by("name")
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


def base_context(page, request, title=None, suffix=""):
    return {
        "page": page,
        "self": page,
        "page_title": title,
        "switcher_suffix": suffix,
        "alternates": [
            (code, request.build_absolute_uri(url + suffix))
            for code, other in live_translations(page).items()
            if (url := other.get_url(request))
        ],
        "csv_url": (page.get_url(request) or "") + page.CSV_ROUTE,
    }


def results_index(page, request):
    programmes = site_programmes(page, request)
    all_results = [result for programme in programmes for result in programme.results.all()]
    periods = figures.by_period(all_results)
    context = base_context(page, request)
    context.update(
        totals=figures.totals(all_results),
        sources=sorted(
            {(r.source, r.source_date, r.note) for r in all_results}, key=lambda s: (s[1], s[0])
        ),
        amounts_chart=amounts_chart(_("Montants engagés par période"), periods, "total-montants"),
        jobs_chart=jobs_chart(_("Emplois par période"), periods, "total-emplois"),
        summaries=[
            programme_summary(programme, f"programme-{programme.pk}") for programme in programmes
        ],
    )
    return TemplateResponse(request, "guide/results/results_page.html", context)


def programme_page(page, request, slug):
    programme = next((p for p in site_programmes(page, request) if p.slug == slug), None)
    if programme is None:
        raise Http404
    suffix = page.programme_path(programme.slug)
    context = base_context(page, request, title=programme.name, suffix=suffix)
    context.update(programme_summary(programme, "programme"))
    context["canonical"] = request.build_absolute_uri(request.path)  # never the query string
    context["fiches"] = programme_fiches(page, programme)
    return TemplateResponse(request, "guide/results/programme_page.html", context)


def programme_fiches(page, programme):
    """The live, public fiches of the programme in the page's language, on the page's site."""
    fiches = AidPage.objects.of_site(page_site(page), page.locale.language_code)
    translation_keys = AidPage.objects.filter(programme=programme).values("translation_key")
    # A translated fiche keeps its source's programme (a synchronised field), but reading the
    # source's keeps this right even for a translation not yet synchronised.
    return list(fiches.filter(translation_key__in=translation_keys).for_cards().order_by("title"))


def figures_csv(page, request):
    """Every result of the site's programmes, one row each (UTF-8, comma, RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for programme in site_programmes(page, request):
        for result in programme.results.all():
            writer.writerow(
                [
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
            )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="revitalisation-chiffres.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
