"""Reading an uploaded spreadsheet into a table, with the checks that protect the site.

Accepted: ``.xlsx`` (a zip that openpyxl opens) and ``.csv`` (UTF-8 with or without BOM, or
Windows-1252; comma, semicolon or tab separated). Refused with a French message, never an
exception page: files too large (``GUIDE_IMPORT_MAX_BYTES``), other extensions, content that
is not what the extension says, and whatever passes the bounds of ``limits.py``: more lines than
``GUIDE_IMPORT_MAX_ROWS`` after the header (empty ones too), too many columns or cells, an
.xlsx that ``xlsx_checks`` refuses. Lines are read one at a time and checked as they come, so
that a hostile file is refused before it costs more than the bounds allow.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .limits import MAX_CELLS, MAX_COLUMNS, FileRejected, max_bytes, max_rows, too_many_rows
from .xlsx_checks import check_archive, not_xlsx

EXTENSIONS = (".xlsx", ".csv")
FICHES_SHEET = "Fiches"


@dataclass
class Table:
    """A sheet: its headers (line 1) and its rows as ``(line number, {header: raw cell})``.

    ``source_headers`` maps a header to the one the file used, when the table was converted
    from another format (the national schema), so that messages name the file's column.
    """

    headers: list
    rows: list
    source_headers: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    # Messages found while converting a row: {line: [(is_error, header, French text)]}.
    row_messages: dict = field(default_factory=dict)

    def source_header(self, header):
        return self.source_headers.get(header, header)


def extension_of(name):
    return Path(name or "").suffix.lower()


def check_upload(name, size):
    """Refuse by name and size before reading anything."""
    if extension_of(name) not in EXTENSIONS:
        raise FileRejected(
            _(
                "« %(name)s » n'est pas un tableur accepté : envoyez un fichier .xlsx (Excel, "
                "LibreOffice) ou .csv."
            )
            % {"name": Path(name or "").name or "?"}
        )
    if size > max_bytes():
        raise FileRejected(
            _("Le fichier pèse %(size)s : la limite est de %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )
    if size == 0:
        raise FileRejected(_("Le fichier est vide."))


def read_table(data, name):
    """``data``: the file's bytes; ``name``: its name (for the extension)."""
    check_upload(name, len(data))
    if extension_of(name) == ".xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


def _read_xlsx(data):
    check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a damaged or foreign zip
        raise not_xlsx() from None
    try:
        sheet = (
            workbook[FICHES_SHEET]
            if FICHES_SHEET in workbook.sheetnames
            else workbook.worksheets[0]
        )
        # The declared dimension (``<dimension ref="A1:XFD1048576"/>``) is the file's claim:
        # openpyxl would pad every line to its width, and the sheet to its height.
        sheet.reset_dimensions()
        # At most the header and one line too many. Not bounded by the header's width: openpyxl
        # would drop the cells beyond it silently, and they are refused instead; without a
        # dimension, a line is only as wide as its last cell (``check_archive`` bounds them).
        lines = sheet.iter_rows(max_row=max_rows() + 2, values_only=True)
        headers = next(lines, None)
        if headers is None:
            raise FileRejected(_("La feuille est vide : la ligne 1 doit porter les en-têtes."))
        reader = _TableReader(headers)
        for values in lines:
            reader.add(values)
        return reader.table()
    except FileRejected:
        raise
    except Exception:
        raise not_xlsx() from None
    finally:
        workbook.close()


def _decode(data):
    if b"\x00" in data[:4096]:
        raise FileRejected(
            _("Ce fichier .csv n'est pas un fichier texte : enregistrez le tableau au format CSV.")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRejected(
        _(
            "L'encodage de ce fichier .csv n'est pas reconnu : enregistrez-le en « CSV UTF-8 » "
            "et réessayez."
        )
    )


def _read_csv(data):
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    lines = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(lines, None)
        if headers is None:
            raise FileRejected(_("Le fichier est vide."))
        reader = _TableReader(headers)
        for values in lines:
            reader.add(values)
    except csv.Error:
        raise FileRejected(
            _("Ce fichier .csv est mal formé (guillemets non refermés ?) : vérifiez-le.")
        ) from None
    return reader.table()


def _has_value(value):
    return value is not None and (not isinstance(value, str) or value.strip() != "")


class _TableReader:
    """A table read one line at a time: the header line is checked first, then each line as
    it comes (counted, empty or not; its cells beyond the last named column refused; kept as
    ``{header: raw cell}``), and the reading stops at the first bound passed."""

    def __init__(self, raw_headers):
        headers = [str(h).strip() if h is not None else "" for h in raw_headers]
        while headers and not headers[-1]:
            headers.pop()
        if not any(headers):
            raise FileRejected(
                _("La ligne 1 doit porter les en-têtes des colonnes : elle est vide.")
            )
        if len(headers) > MAX_COLUMNS:
            raise FileRejected(
                _("La ligne 1 a %(count)s colonnes : la limite est de %(limit)s.")
                % {"count": len(headers), "limit": MAX_COLUMNS}
            )
        duplicated = sorted(h for h, n in Counter(h for h in headers if h).items() if n > 1)
        if duplicated:
            raise FileRejected(
                _("Colonnes en double à la ligne 1 : %(headers)s. Gardez-en une de chaque.")
                % {"headers": ", ".join(duplicated)}
            )
        self.headers = headers
        self.line = 1
        self.rows = []

    def add(self, values):
        self.line += 1
        if self.line > max_rows() + 1:
            raise too_many_rows()
        if not any(_has_value(v) for v in values):
            return  # empty lines are skipped
        width = len(self.headers)
        if any(_has_value(v) for v in islice(values, width, None)):
            raise FileRejected(
                _(
                    "Ligne %(line)d : des cellules sont remplies à droite de la dernière colonne "
                    "nommée. Donnez un en-tête à chaque colonne en ligne 1."
                )
                % {"line": self.line}
            )
        cells = {
            header: (values[i] if i < len(values) else None)
            for i, header in enumerate(self.headers)
        }
        cells.pop("", None)
        self.rows.append((self.line, cells))
        if len(self.rows) * width > MAX_CELLS:
            raise FileRejected(
                _(
                    "Le fichier a trop de cellules : %(rows)s lignes remplies de %(columns)s "
                    "colonnes passent la limite de %(limit)s cellules. Découpez-le en plusieurs "
                    "fichiers."
                )
                % {"rows": len(self.rows), "columns": width, "limit": MAX_CELLS}
            )

    def table(self):
        return Table(headers=[h for h in self.headers if h], rows=self.rows)
