"""Finding 5: a 5 KB spreadsheet exhausted memory, openpyxl trusting the sheet's declared
dimension (``<dimension ref="A1:XFD1048576"/>``) and padding lines to it: 4.9 KB cost 500 MB.

Now the declared dimension is ignored, the reading stops at the row limit + 1 with every line
counted (empty and missing ones too), and an .xlsx's zip and XML parts are checked before
openpyxl opens it (``transfer/xlsx_checks.py``): a hostile file is refused with a French message
and nothing changes. Driven through the admin's import page, as an editor uploads; the files are
built with ``zipfile`` (``tests/support/hostile_xlsx.py``). ``benchmarks/import_hostile_files.py``
measures time and memory.
"""

import tracemalloc

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from tests.support import hostile_xlsx
from tests.support.transfer_files import HEADERS, counts, fiche_row, xlsx_of
from transfer.models import StagedImport
from transfer.report import Outcome

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("guide_transfer_import")
LINES = "plus de 10000 lignes après l'en-tête, lignes vides comprises"


def upload(client, data, name="fiches.xlsx"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), "kind": "guide"})


def refused_with(client, data, name, message):
    """Upload ``data``: the form comes back with ``message`` and nothing is written."""
    before = counts()
    response = upload(client, data, name)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Importer des fiches" in page and "report" not in response.context
    assert escape(message) in page
    assert counts() == before and not StagedImport.objects.exists()


def test_a_declared_dimension_is_not_trusted(editor_client, guide_index):
    """One fiche and an empty line 3 000 under A1:XFD1048576: openpyxl padded the 3 000 lines
    to 16 384 columns, 400 MB of ``None``."""
    data = hostile_xlsx.declared_dimension(last_line=3000)
    assert len(data) < 5000
    tracemalloc.start()
    try:
        response = upload(editor_client, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert response.status_code == 200
    assert [row.outcome for row in response.context["report"].rows] == [Outcome.CREATED]
    assert peak < 64 * 1024 * 1024


@pytest.mark.parametrize(
    ("builder", "name", "message"),
    [
        (lambda: hostile_xlsx.last_line_far_away(), "fiches.xlsx", LINES),
        (lambda: hostile_xlsx.many_empty_lines(20_000), "fiches.xlsx", LINES),
        (lambda: hostile_xlsx.csv_many_empty_lines(20_000), "fiches.csv", LINES),
        (
            lambda: hostile_xlsx.wide_line(100_000),
            "fiches.xlsx",
            "Ligne 2 : plus de 16384 cellules, le maximum d'un tableur.",
        ),
        (
            lambda: hostile_xlsx.empty_cells(70, 16_000),
            "fiches.xlsx",
            "Une feuille du classeur a plus de 1000000 cellules, vides comprises (ligne 64)",
        ),
        (
            lambda: hostile_xlsx.many_shared_strings(300_000),
            "fiches.xlsx",
            "(xl/sharedStrings.xml : plus de 500000 éléments) : il est refusé par sécurité.",
        ),
        (
            lambda: hostile_xlsx.long_tag(2),
            "fiches.xlsx",
            "(xl/worksheets/sheet1.xml : balise ou commentaire trop long)",
        ),
        (
            lambda: hostile_xlsx.zip_bomb(150),
            "fiches.xlsx",
            "Ce classeur est trop volumineux une fois décompressé (150,0\xa0Mio ; la limite est "
            "de 100,0\xa0Mio).",
        ),
        (
            lambda: hostile_xlsx.many_members(2000),
            "fiches.xlsx",
            "Ce classeur contient 2005 fichiers internes : la limite est de 1000.",
        ),
        (
            lambda: hostile_xlsx.csv_wide_header(2000),
            "fiches.csv",
            "La ligne 1 a 2000 colonnes : la limite est de 1000.",
        ),
    ],
    ids=[
        "line-1048576",
        "empty-lines",
        "csv-empty-lines",
        "wide-line",
        "empty-cells",
        "shared-strings",
        "long-tag",
        "zip-bomb",
        "members",
        "csv-columns",
    ],
)
def test_a_hostile_file_is_refused_and_changes_nothing(
    editor_client, guide_index, builder, name, message
):
    refused_with(editor_client, builder(), name, message)


@pytest.mark.parametrize("name", ["fiches.xlsx", "fiches.csv"])
def test_every_line_counts_against_the_limit(editor_client, guide_index, settings, name):
    """Empty and missing lines cost memory as filled ones do: one fiche followed by five empty
    lines passes a limit of five lines."""
    settings.GUIDE_IMPORT_MAX_ROWS = 5
    if name.endswith(".xlsx"):
        data = hostile_xlsx.workbook(
            hostile_xlsx.sheet([hostile_xlsx.fiche_row(2), '<row r="7"/>'])
        )
    else:
        data = hostile_xlsx.csv_many_empty_lines(5)
    refused_with(editor_client, data, name, "plus de 5 lignes après l'en-tête")


def test_entity_expansion_is_refused_before_openpyxl(editor_client, guide_index):
    refused_with(
        editor_client,
        hostile_xlsx.entity_expansion(),
        "fiches.xlsx",
        "(xl/sharedStrings.xml : déclaration DOCTYPE)",
    )
    # openpyxl's own parser is defusedxml's (a second defence): it needs defusedxml installed.
    assert openpyxl.DEFUSEDXML is True


def test_the_cells_kept_are_bounded(editor_client, guide_index, monkeypatch):
    """Each line read becomes a dict of every column: lines × columns is bounded."""
    monkeypatch.setattr("transfer.files.MAX_CELLS", 2 * len(HEADERS))
    rows = [fiche_row(titre=f"Aide {n}") for n in range(3)]
    refused_with(
        editor_client,
        xlsx_of(HEADERS, rows),
        "fiches.xlsx",
        f"Le fichier a trop de cellules : 3 lignes remplies de {len(HEADERS)} colonnes passent "
        f"la limite de {2 * len(HEADERS)} cellules.",
    )
