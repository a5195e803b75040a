"""Eligibility cases and the volets' restrictions in the spreadsheet: one group of columns per
case (« Cas 1 · territoires »...), in the notation of the fiche's own criteria; the volets'
audience, sector and share of the units. The demo guide goes through export → import → export →
import without losing a value, Alixio's two cases included (test_import_cases_demo.py); a case
added or changed in a file lands on the fiche's new revision (never on the live page); a bad
case cell names its line and column and nothing is written."""

import pytest
from wagtail.models import Revision

from demo import fiches
from guide.models import (
    AidPage,
    Audience,
    CompanySize,
    EligibilityCase,
    FinancialComponent,
    Sector,
    Territory,
)
from guide.roles import EDITORS, role_group
from tests.support.factories import AidPageFactory, FinancialComponentFactory
from tests.support.sites import make_second_site
from tests.support.transfer_files import (
    counts,
    export_bytes,
    messages,
    read_csv,
    read_xlsx,
    run,
    xlsx_of,
)
from transfer.cells import HtmlCodec, without_block_keys
from transfer.columns import INFO_HEADERS, column_for_header, key_for_header
from transfer.files import Table
from transfer.importing.layout import read_layout
from transfer.report import Outcome

pytestmark = pytest.mark.django_db

# The facts of a case, in ``case_values``' shape.
CASE_VOCABULARIES = ("territories", "audiences", "company_sizes", "sectors", "project_stages")


def spec_cases(slug):
    """The cases demo/fiches.py gives the fiche ``slug``, in ``case_values``' shape."""
    spec = next(spec for spec in fiches.FICHES if spec["slug"] == slug)
    return [
        {
            **{name: sorted(item.get(name, ())) for name in CASE_VOCABULARIES},
            **{name: item.get(name) for name in EligibilityCase.FIGURES},
            "establishment": item.get("establishment", ""),
        }
        for item in spec["cases"]
    ]


# Columns that differ between a fiche and its copy: its key, its address, the export's facts.
NOT_COPIED = {"uuid", "slug"} | INFO_HEADERS


def case_values(case):
    """A case as plain values: its vocabularies by key, sorted; its figures."""
    return {
        "territories": sorted(t.cog_code for t in case.territories.all()),
        "audiences": sorted(a.slug for a in case.audiences.all()),
        "company_sizes": sorted(c.slug for c in case.company_sizes.all()),
        "sectors": sorted(s.slug for s in case.sectors.all()),
        "project_stages": sorted(s.slug for s in case.project_stages.all()),
        **{name: getattr(case, name) for name in EligibilityCase.FIGURES},
        "establishment": case.establishment,
    }


def draft_cases(page):
    """The cases of ``page``'s latest revision (what the editor sees)."""
    latest = AidPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return [case_values(case) for case in latest.eligibility_cases.all()]


def territory(cog_code):
    kind, code = cog_code.split("-", 1)
    return Territory.objects.get(kind=kind, code=code)


def published_fiche(index, *cases, title="Fonds de revitalisation"):
    """A published fiche of ``index`` with ``cases`` (dicts of ``case_values``' shape, any
    subset), its components and a contact."""
    page = AidPageFactory(parent=index, title=title, territories=["DEP-94", "DEP-91"])
    FinancialComponentFactory(page=page, amount=15000)
    page = AidPage.objects.get(pk=page.pk)
    built = []
    for position, spec in enumerate(cases):
        case = EligibilityCase(
            sort_order=position,
            **{
                name: spec[name]
                for name in (*EligibilityCase.FIGURES, "establishment")
                if name in spec
            },
        )
        case.territories = [territory(code) for code in spec.get("territories", ())]
        case.audiences = list(Audience.objects.filter(slug__in=spec.get("audiences", ())))
        case.company_sizes = list(
            CompanySize.objects.filter(slug__in=spec.get("company_sizes", ()))
        )
        case.sectors = list(Sector.objects.filter(slug__in=spec.get("sectors", ())))
        built.append(case)
    page.eligibility_cases = built
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def comparable(header, cell):
    """A cell as the fiche holds it, rich text as the editor's conversion stores it: a demo
    text with a bare « & » is exported as its HTML, its copy (stored with « &amp; », as the
    editor would) as readable text; the same text."""
    column = column_for_header(header)
    if column is not None and isinstance(column.codec, HtmlCodec) and cell:
        return without_block_keys(column.codec.canonical(column.codec.parse(cell, None)))
    return cell


def row_of(rows, page, key="uuid"):
    return next(row for row in rows if row[key] == str(page.aid_uuid))


# A case added, changed, removed ------------------------------------------------------------------


def test_a_file_that_adds_a_case_shows_it_then_saves_it_on_a_new_revision(guide_index):
    page = published_fiche(guide_index)
    headers, rows = read_xlsx(export_bytes("xlsx"), keys=False)
    assert "Cas 1 · territoires" in headers and "Cas 2 · territoires" not in headers
    row = row_of(rows, page, key="Identifiant (uuid)")
    row["Cas 1 · territoires"] = "DEP-91"
    row["Cas 1 · publics"] = "pmi"
    row["Cas 1 · implantation"] = "implantee-ou-en-cours"
    row["Cas 1 · effectif maximum"] = 249
    row["Cas 1 · secteurs"] = "industrie"
    data = xlsx_of(headers, rows)

    dry = run(data)
    assert not dry.has_errors, messages(dry)
    (changed,) = [r for r in dry.rows if r.outcome == Outcome.UPDATED]
    # The dry run names the case's columns as the file does, old → new as an editor reads.
    assert [(d.column, d.old, d.new) for d in changed.diffs] == [
        ("Cas 1 · territoires", "(vide)", "DEP-91"),
        ("Cas 1 · implantation", "(vide)", "implantee-ou-en-cours"),
        ("Cas 1 · publics", "(vide)", "pmi"),
        ("Cas 1 · effectif maximum", "(vide)", "249"),
        ("Cas 1 · secteurs", "(vide)", "industrie"),
    ]
    assert EligibilityCase.objects.filter(page=page).count() == 0  # a dry run writes nothing

    report = run(data, dry_run=False)
    assert report.applied, messages(report)
    assert draft_cases(page) == [
        {
            "territories": ["DEP-91"],
            "audiences": ["pmi"],
            "company_sizes": [],
            "sectors": ["industrie"],
            "project_stages": [],
            "staff_min": None,
            "staff_max": 249,
            "min_years_in_business": None,
            "min_jobs_created": None,
            "establishment": "implantee-ou-en-cours",
        }
    ]
    # Never published by an import: the live fiche has no case until an editor publishes.
    live = AidPage.objects.get(pk=page.pk)
    assert live.has_unpublished_changes and not live.eligibility_cases.exists()
    # A new export carries the case, and importing it changes nothing.
    revisions = Revision.objects.count()
    again = run(export_bytes("xlsx"), dry_run=False)
    assert {r.outcome for r in again.rows} == {Outcome.UNCHANGED}
    assert Revision.objects.count() == revisions


def test_a_file_that_changes_and_removes_cases(guide_index):
    page = published_fiche(
        guide_index,
        {"territories": ["DEP-94"], "audiences": ["pme", "pmi"]},
        {"territories": ["DEP-91"], "audiences": ["pmi"], "establishment": "implantee"},
    )
    kept = list(page.eligibility_cases.values_list("pk", flat=True))
    headers, rows = read_csv(export_bytes("csv"))
    assert "cas_2_territoires" in headers and "cas_3_territoires" not in headers
    row = row_of(rows, page)
    row["cas_2_implantation"] = "Implantée ou en cours d'implantation sur le territoire"
    row["cas_2_publics"] = "pmi | pme"
    row["cas_2_effectif_min"] = "10"
    row["cas_2_categories_entreprise"] = "pme"  # an INSEE code, case forgiven
    report = run(xlsx_of(headers, rows), dry_run=False)
    assert report.applied, messages(report)
    (changed,) = [r for r in report.rows if r.outcome == Outcome.UPDATED]
    assert [(d.column, d.old, d.new) for d in changed.diffs] == [
        ("cas_2_implantation", "implantee", "implantee-ou-en-cours"),
        ("cas_2_publics", "pmi", "pme | pmi"),
        ("cas_2_categories_entreprise", "(vide)", "PME"),
        ("cas_2_effectif_min", "(vide)", "10"),
    ]
    latest = AidPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    # Updated in place: the same case rows, in the same order.
    assert [case.pk for case in latest.eligibility_cases.all()] == kept
    second = draft_cases(page)[1]
    assert second["audiences"] == ["pme", "pmi"] and second["company_sizes"] == ["pme"]
    assert (second["staff_min"], second["establishment"]) == (10, "implantee-ou-en-cours")

    # Emptying a case's whole group removes it.
    headers, rows = read_csv(export_bytes("csv"))
    row = row_of(rows, page)
    for header in headers:
        if header.startswith("cas_1_"):
            row[header] = ""
    report = run(xlsx_of(headers, rows), dry_run=False)
    assert report.applied, messages(report)
    assert [case["territories"] for case in draft_cases(page)] == [["DEP-91"]]


# Bad case cells ----------------------------------------------------------------------------------

BAD_CASES = [
    (
        {"cas_2_territoires": "DEP-999"},
        "Ligne 3, colonne cas_2_territoires : « DEP-999 » n'est pas un territoire du guide",
    ),
    (
        {"cas_2_publics": "pmi | artisans"},
        "Ligne 3, colonne cas_2_publics : « artisans » n'est pas un public connu.",
    ),
    (
        {"cas_2_implantation": "installee"},
        "Ligne 3, colonne cas_2_implantation : « installee » n'est pas une valeur possible. "
        "Valeurs possibles : (vide) = Sans condition d'implantation ; implantee = ",
    ),
    (
        {"cas_2_effectif_min": "50", "cas_2_effectif_max": "10"},
        "Ligne 3, colonne cas_2_effectif_max : L'effectif maximum ne peut pas être inférieur "
        "au minimum.",
    ),
    (
        {"cas_2_effectif_min": "-3"},
        "Ligne 3, colonne cas_2_effectif_min : ",
    ),
    (
        {"cas_2_annees_existence_min": "deux"},
        "Ligne 3, colonne cas_2_annees_existence_min : « deux » n'est pas un nombre entier.",
    ),
]


@pytest.mark.parametrize(("cells", "expected"), BAD_CASES)
def test_a_bad_case_cell_names_its_line_and_column_and_nothing_is_written(
    guide_index, cells, expected
):
    other = published_fiche(guide_index, title="Autre fiche")
    page = published_fiche(
        guide_index,
        {"territories": ["DEP-94"], "audiences": ["pme"]},
        {"territories": ["DEP-91"], "audiences": ["pmi"]},
    )
    headers, rows = read_xlsx(export_bytes("xlsx"))
    assert [row["uuid"] for row in rows] == [str(other.aid_uuid), str(page.aid_uuid)]
    rows[0]["promesse"] = "Une promesse changée sur une ligne valide"
    rows[1].update(cells)
    before, cases_before = counts(), draft_cases(page)
    report = run(xlsx_of(headers, rows), dry_run=False)
    found = messages(report)
    assert any(message.startswith(expected) for message in found), found
    assert [row.outcome for row in report.rows] == [Outcome.UPDATED, Outcome.ERROR]
    assert not report.applied and counts() == before
    assert draft_cases(page) == cases_before
    assert AidPage.objects.get(pk=other.pk).promesse != "Une promesse changée sur une ligne valide"


def test_an_incomplete_case_group_is_refused_and_titles_read_with_any_dash():
    layout = read_layout(Table(headers=["uuid", "cas_1_territoires", "cas_1_publics"], rows=[]))
    assert str(layout.errors[0]).startswith(
        "Le groupe de colonnes cas_1 est incomplet : il manque cas_1_implantation"
    )
    assert key_for_header("Cas 2 · territoires") == "cas_2_territoires"
    assert key_for_header("cas 2 – publics") == "cas_2_publics"
    assert key_for_header("Cas 12 - effectif minimum") == "cas_12_effectif_min"
    assert key_for_header("Volet 1 · unités aidées au plus") == "volet_1_unites_aidees"


# The volets' restrictions and share of the units -------------------------------------------------


def test_a_volets_audience_sector_and_share_of_the_units_are_read_and_checked(guide_index):
    page = published_fiche(guide_index)
    headers, rows = read_xlsx(export_bytes("xlsx"))
    row = row_of(rows, page)
    row.update(
        volet_1_unite="emploi_cree",
        volet_1_public="pmi",
        volet_1_secteur="industrie",
        volet_1_unites_aidees=1,
        volet_1_unites_sur=3,
    )
    report = run(xlsx_of(headers, rows), dry_run=False)
    assert report.applied, messages(report)
    component = AidPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    component = component.financial_components.get()
    assert (component.audience.slug, component.sector.slug) == ("pmi", "industrie")
    assert (component.unit_share_count, component.unit_share_total) == (1, 3)
    assert FinancialComponent.objects.get(page=page).audience is None  # live: unchanged

    headers, rows = read_xlsx(export_bytes("xlsx"))
    row = row_of(rows, page)
    row.update(volet_1_unites_aidees=4, volet_1_public="inconnu")
    report = run(xlsx_of(headers, rows), dry_run=False)
    found = messages(report)
    assert any(m.startswith("Ligne 2, colonne volet_1_public : « inconnu »") for m in found)
    row["volet_1_public"] = "pmi"
    report = run(xlsx_of(headers, rows), dry_run=False)
    assert [m for m in messages(report) if "volet_1_unites_aidees" in m] == [
        "Ligne 2, colonne volet_1_unites_aidees : Le nombre d'unités aidées (4) ne peut pas "
        "dépasser le total (3)."
    ]
    assert not report.applied


# Rights: a case goes through the row's own checks ------------------------------------------------


def test_a_case_change_by_an_editor_of_another_territory_is_refused(guide_index, django_user_model):
    page = published_fiche(guide_index, {"territories": ["DEP-94"]})
    headers, rows = read_xlsx(export_bytes("xlsx"))
    row_of(rows, page)["cas_1_territoires"] = "DEP-91"
    second = make_second_site()
    intruder = django_user_model.objects.create_user("intrus", "i@exemple.example", "pw")
    intruder.groups.add(role_group(EDITORS, second.site))
    before = counts()
    report = run(xlsx_of(headers, rows), user=intruder, index=guide_index, dry_run=False)
    assert "Ligne 2, colonne uuid : pas le droit de modifier cette fiche" in messages(report)[0]
    assert not report.applied and counts() == before
    assert draft_cases(page)[0]["territories"] == ["DEP-94"]


def test_a_fiche_without_a_case_exports_one_empty_case_group_and_reads_back_unchanged(
    guide_index,
):
    page = published_fiche(guide_index)
    headers, rows = read_xlsx(export_bytes("xlsx"))
    assert [h for h in headers if h.startswith("cas_")][:2] == [
        "cas_1_territoires",
        "cas_1_implantation",
    ]
    assert not row_of(rows, page)["cas_1_territoires"]
    report = run(xlsx_of(headers, rows), dry_run=False)
    assert {r.outcome for r in report.rows} == {Outcome.UNCHANGED}
