"""Exporting fiches to XLSX or CSV in the column format (``columns.py``).

Each fiche is exported as the editor sees it: its latest revision when it has unpublished
changes, else its page row, with the id of that latest revision (« Version exportée »: the
import refuses a row whose fiche has changed since, unless the editor confirms it). Headers
are the columns' French titles (``columns.py``); rich text is written as readable text
(``prose.py``). Relations are prefetched per chunk of pages, so the number of queries does not
grow with the number of fiches.

No cell runs as a formula in a spreadsheet (``core/spreadsheets.py``): a CSV text starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written after a quote, an XLSX
text is a text cell. The import removes that quote again (``importing/parse.py``), so that an
export imported as it is changes nothing.
"""

import csv
import datetime
import io
import re

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.spreadsheets import neutralise_formula, text_cell
from guide.status import StatusFilter, compute_status, status_filter_q

from .columns import MIN_CASES, MIN_CONTACTS, MIN_VOLETS, VERSION_KEY, all_columns
from .content import fiche_queryset, latest_contents
from .references import References

CHUNK = 500
# Characters XML 1.0 (hence XLSX) can't hold; they can't reach a cell.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def filtered_fiches(status=StatusFilter.ALL, aid_type=None, index=None):
    """The French fiches (of the guide ``index`` when given), filtered on their status as the
    public listing does (``status``: a ``StatusFilter`` value; on the page row)."""
    queryset = fiche_queryset()
    if index is not None:
        queryset = queryset.descendant_of(index)
    queryset = queryset.filter(status_filter_q(status or StatusFilter.ALL))
    if aid_type is not None:
        queryset = queryset.filter(aid_types=aid_type).distinct()
    return queryset


def publication_state(page):
    if not page.live:
        return _("brouillon")
    if page.has_unpublished_changes:
        return _("publiée, modifications en attente")
    return _("publiée")


def collect(queryset):
    """``[(page, content)]`` for the fiches of ``queryset``, chunk by chunk."""
    items = []
    chunk = []
    for page in queryset.iterator(chunk_size=CHUNK):
        chunk.append(page)
        if len(chunk) == CHUNK:
            contents = latest_contents(chunk)
            items += [(p, contents[p.pk]) for p in chunk]
            chunk = []
    if chunk:
        contents = latest_contents(chunk)
        items += [(p, contents[p.pk]) for p in chunk]
    return items


class Export:
    """The rows of an export: headers, then one list of cell values per fiche."""

    def __init__(self, queryset, request=None):
        self.request = request
        self.references = References()
        self.exported_at = formats.date_format(timezone.localtime(), "d/m/Y H:i")
        self.items = collect(queryset)
        volets = max([len(content.components) for _page, content in self.items] or [0])
        contacts = max([len(content.contacts) for _page, content in self.items] or [0])
        cases = max([len(content.cases) for _page, content in self.items] or [0])
        self.columns = all_columns(
            max(volets, MIN_VOLETS), max(contacts, MIN_CONTACTS), cases=max(cases, MIN_CASES)
        )

    @property
    def headers(self):
        return [column.title for column in self.columns]

    def rows(self):
        for page, content in self.items:
            yield [self.cell(column, page, content) for column in self.columns]

    def cell(self, column, page, content):
        references = self.references
        if column.group == "fiche":
            return column.codec.cell(content.values.get(column.field), references)
        if column.group in ("cas", "volet"):
            items = content.cases if column.group == "cas" else content.components
            if column.number > len(items):
                return None
            value = items[column.number - 1].get(column.field)
            return column.codec.cell(value, references)
        if column.group == "contact":
            if column.number > len(content.contacts):
                return None
            return self.contact_cell(column, content.contacts[column.number - 1])
        return self.info_cell(column.header, page, content)

    def contact_cell(self, column, line):
        if column.field == "referral_note":
            return line.get("referral_note") or ""
        contact = self.references.contacts.get(line.get("contact"))
        if contact is None:
            return ""
        if column.field == "name":
            return contact.name
        if column.field == "organisation":
            return column.codec.cell(contact.organisation_id, self.references)
        if column.field == "email":
            return contact.email
        return contact.phone_display

    def info_cell(self, header, page, content):
        if header == "statut_publication":
            return publication_state(page)
        if header == "statut":
            values = content.values
            status = compute_status(
                values.get("opening_date"), values.get("closing_date"), values.get("manual_state")
            )
            return str(status.label)
        if header == "url":
            return (page.get_full_url(self.request) or "") if page.live else ""
        if header == VERSION_KEY:
            return page.latest_revision_id
        if header == "exportee_le":
            return self.exported_at
        if header == "modifiee_le":
            changed = page.latest_revision_created_at or page.last_published_at
            return timezone.localtime(changed).date() if changed else None
        return None

    # Writers -------------------------------------------------------------------------------

    def csv_bytes(self):
        """UTF-8 with a BOM (spreadsheets then read the accents), comma separated."""
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(self.headers)
        for row in self.rows():
            writer.writerow([csv_text(value) for value in row])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def xlsx_bytes(self):
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Fiches")
        sheet.freeze_panes = "C2"
        bold = Font(bold=True)
        header_cells = []
        for header in self.headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in self.rows():
            sheet.append([xlsx_cell(sheet, value) for value in row])
        self.write_legend(workbook.create_sheet("Colonnes"), bold)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def write_legend(self, sheet, bold):
        """A second sheet that says what each column holds (the import ignores it)."""
        header_cells = []
        for text in (_("colonne"), _("signification"), _("exemple"), _("nom court (accepté)")):
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        shown = set()
        for column in self.columns:
            key = generic_header(column)
            if key in shown:
                continue
            shown.add(key)
            texts = (generic_title(column), str(column.label), column.example, key)
            sheet.append([xlsx_cell(sheet, text) for text in texts])


def generic_header(column):
    """``volet_N_montant`` for every volet group: the legend lists each part once."""
    if column.group in ("cas", "volet", "contact"):
        return column.header.replace(f"_{column.number}_", "_N_", 1)
    return column.header


def generic_title(column):
    """« Volet N · montant (€) » for every volet group."""
    if column.group in ("cas", "volet", "contact"):
        return column.title.replace(f" {column.number} · ", " N · ", 1)
    return column.title


def csv_text(value):
    """A text is neutralised; a number (``-12``) or a date is written as it is."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise_formula(value)
    return str(value)


def xlsx_text(value):
    return ILLEGAL_XML.sub("", value) if isinstance(value, str) else value


def xlsx_cell(sheet, value):
    if isinstance(value, str):
        return text_cell(sheet, xlsx_text(value))  # text, never a formula
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def export_filename(extension, on=None):
    on = on or timezone.localdate()
    return f"fiches-guide-des-aides-{on.isoformat()}.{extension}"
