"""Spreadsheets for the import / export tests: read an export, write a file from rows."""

import csv
import io

import openpyxl
from wagtail.models import Page, PageLogEntry, Revision

from guide.models import AidPage, Contact, Organisation
from transfer.columns import all_columns, key_for_header
from transfer.export import Export, filtered_fiches
from transfer.importer import default_index, import_file


def export_bytes(extension="xlsx", queryset=None):
    # The admin's default: the first guide (the demo also holds the second territory's).
    export = Export(queryset if queryset is not None else filtered_fiches(index=default_index()))
    return export.xlsx_bytes() if extension == "xlsx" else export.csv_bytes()


def read_xlsx(data, sheet="Fiches", keys=True):
    """``(headers, [{header: value}])`` of a workbook's sheet; with ``keys``, the export's
    French headers are given as the columns' keys (``date_cloture``), which the import reads
    too."""
    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    rows = list(workbook[sheet].iter_rows(values_only=True))
    headers = list(rows[0])
    if keys and sheet == "Fiches":
        headers = [key_for_header(header) for header in headers]
    return headers, [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def read_csv(data, keys=True):
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    if not keys:
        return reader.fieldnames, rows
    headers = [key_for_header(header) for header in reader.fieldnames]
    renamed = dict(zip(reader.fieldnames, headers, strict=True))
    return headers, [{renamed[h]: value for h, value in row.items()} for row in rows]


def xlsx_of(headers, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Fiches"
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_of(headers, rows, delimiter=",", encoding="utf-8-sig"):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else row.get(h) for h in headers])
    return buffer.getvalue().encode(encoding)


def run(data, name="fiches.xlsx", **kwargs):
    return import_file(data, name, **kwargs)


def counts():
    return {
        "pages": Page.objects.count(),
        "aids": AidPage.objects.count(),
        "revisions": Revision.objects.count(),
        "contacts": Contact.objects.count(),
        "organisations": Organisation.objects.count(),
        "logs": PageLogEntry.objects.count(),
    }


def messages(report):
    """Every message of a report as its French text (file-level, then rows)."""
    found = [str(m) for m in report.errors]
    for row in report.rows:
        found += [str(m) for m in row.errors]
    return found


def warnings(report):
    found = [str(m) for m in report.warnings]
    for row in report.rows:
        found += [str(m) for m in row.warnings]
    return found


# A guide file's columns and a valid row ----------------------------------------------------------

HEADERS = [column.header for column in all_columns(volets=2, contacts=2, info=False)]


def fiche_row(**overrides):
    row = {
        "titre": "Prêt d'honneur Bièvre",
        "promesse": "Financez le démarrage de votre entreprise sans garantie personnelle",
        "description": "<p>Un prêt personnel sans intérêts pour les créateurs.</p>",
        "operateur": "Initiative Bièvre",
        "territoires": "EPCI-200058014",
        "eligibilite": "Créateur d'entreprise\nProjet implanté sur le territoire",
        "types_aide": "pret | accompagnement",
        "date_ouverture": "2026-01-01",
        "date_cloture": "2026-12-31",
        "recurrence": "ponctuelle",
        "mise_en_avant": "non",
        "volet_1_nature": "pret",
        "volet_1_intitule": "Prêt à taux zéro",
        "volet_1_montant": "15000",
        "volet_1_unite": "emploi_cree",
        "volet_1_taux": "0",
        "volet_1_duree_mois": "60",
        "volet_1_plafond": "225000",
        "volet_1_conditions": "Sans caution personnelle\nNon affecté",
        "contact_1_nom": "Edith Blard",
        "contact_1_organisation": "Initiative Bièvre",
        "contact_1_note": "À contacter de la part du GOSB",
    }
    row.update(overrides)
    return row
