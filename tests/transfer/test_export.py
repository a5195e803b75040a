"""Export of the fiches to XLSX and CSV: the column format, the latest content, the cost."""

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.loader import demo_uuid
from guide.models import AidPage
from tests.support.factories import AidPageFactory, FinancialComponentFactory
from tests.support.transfer_files import export_bytes, read_csv, read_xlsx
from transfer.columns import all_columns
from transfer.export import Export, filtered_fiches, generic_header


def row_for(rows, slug):
    return row_for_uuid(rows, demo_uuid(slug))


def row_for_uuid(rows, aid_uuid):
    return next(row for row in rows if row["uuid"] == str(aid_uuid))


@pytest.mark.django_db
def test_as_many_volet_groups_as_the_largest_fiche_needs(guide_index):
    small = AidPageFactory(parent=guide_index)
    big = AidPageFactory(parent=guide_index)
    for amount in range(5):
        FinancialComponentFactory(page=big, amount=1000 + amount)
    headers, rows = read_xlsx(export_bytes("xlsx"))
    assert "volet_5_nature" in headers and "volet_6_nature" not in headers
    by_uuid = {row["uuid"]: row for row in rows}
    assert by_uuid[str(big.aid_uuid)]["volet_5_montant"] == 1004
    assert by_uuid[str(small.aid_uuid)]["volet_1_nature"] is None
    # With fewer components, still three groups (a template to fill).
    assert [c.header for c in all_columns()].count("volet_3_nature") == 1


@pytest.mark.django_db
def test_export_queries_do_not_grow_with_the_number_of_fiches(guide_index):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            Export(filtered_fiches()).xlsx_bytes()
        return len(captured.captured_queries)

    for _ in range(3):
        FinancialComponentFactory(page=AidPageFactory(parent=guide_index))
    few = queries()
    for _ in range(12):
        FinancialComponentFactory(page=AidPageFactory(parent=guide_index))
    # Pending changes cost one query for all the revisions, not one per fiche.
    for page in AidPage.objects.all()[:5]:
        page.save_revision()
    assert queries() <= few + 1


@pytest.mark.django_db
def test_text_starting_with_equals_is_text_not_a_formula(guide_index):
    AidPageFactory(parent=guide_index, title='=HYPERLINK("http://evil.example")')
    workbook = openpyxl.load_workbook(io.BytesIO(export_bytes("xlsx")))
    cell = workbook["Fiches"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


@pytest.mark.django_db
def test_decimals_are_exact(guide_index):
    page = AidPageFactory(parent=guide_index)
    FinancialComponentFactory(page=page, amount=Decimal("1234.56"), rate=Decimal("2.50"))
    _headers, rows = read_csv(export_bytes("csv"))
    assert rows[0]["volet_1_montant"] == "1234.56" and rows[0]["volet_1_taux"] == "2.5"


def test_every_column_is_documented():
    docs = (Path(__file__).parents[2] / "docs" / "import-export.md").read_text(encoding="utf-8")
    for column in all_columns(volets=1, contacts=1):
        header = generic_header(column)
        assert f"`{header}`" in docs, header
