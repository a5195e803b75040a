"""Reading an uploaded spreadsheet into a table, with the checks that protect the site.

Accepted: ``.xlsx`` (a zip that openpyxl opens) and ``.csv`` (UTF-8 with or without BOM, or
Windows-1252; comma, semicolon or tab separated). Refused with a French message, never an
exception page: files too large (``GUIDE_IMPORT_MAX_BYTES``), other extensions, content that
is not what the extension says, more rows than ``GUIDE_IMPORT_MAX_ROWS``.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ROWS = 10_000
# An XLSX is compressed: refuse archives that would inflate beyond this (zip bombs).
MAX_INFLATION = 30
EXTENSIONS = (".xlsx", ".csv")
FICHES_SHEET = "Fiches"


class FileRejected(Exception):
    """The file can't be read as a fiches table. The message is French."""


def max_bytes():
    return getattr(settings, "GUIDE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows():
    return getattr(settings, "GUIDE_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


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
        headers, rows = _read_xlsx(data)
    else:
        headers, rows = _read_csv(data)
    return _as_table(headers, rows)


def _too_many_rows():
    return FileRejected(
        _("Le fichier a plus de %(count)s lignes de fiches : découpez-le en plusieurs fichiers.")
        % {"count": max_rows()}
    )


def _read_xlsx(data):
    not_xlsx = FileRejected(
        _(
            "Ce fichier .xlsx est illisible : ce n'est pas un classeur Excel valide. "
            "Enregistrez-le au format « Classeur Excel (.xlsx) » et réessayez."
        )
    )
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise not_xlsx
    try:
        with zipfile.ZipFile(buffer) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise not_xlsx from None
    if inflated > MAX_INFLATION * max_bytes():
        raise FileRejected(_("Ce classeur est trop volumineux une fois décompressé."))
    try:
        workbook = load_workbook(buffer, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a damaged or foreign zip
        raise not_xlsx from None
    try:
        sheet = (
            workbook[FICHES_SHEET]
            if FICHES_SHEET in workbook.sheetnames
            else workbook.worksheets[0]
        )
        rows = []
        headers = None
        filled = 0
        for values in sheet.iter_rows(values_only=True):
            if headers is None:
                headers = list(values)
                continue
            rows.append(list(values))
            filled += any(_has_value(v) for v in values)
            if filled > max_rows():
                raise _too_many_rows()
        if headers is None:
            raise FileRejected(_("La feuille est vide : la ligne 1 doit porter les en-têtes."))
        return headers, rows
    except FileRejected:
        raise
    except Exception:
        raise not_xlsx from None
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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader, None)
        if headers is None:
            raise FileRejected(_("Le fichier est vide."))
        rows = []
        filled = 0
        for values in reader:
            rows.append(values)
            filled += any(_has_value(v) for v in values)
            if filled > max_rows():
                raise _too_many_rows()
    except csv.Error:
        raise FileRejected(
            _("Ce fichier .csv est mal formé (guillemets non refermés ?) : vérifiez-le.")
        ) from None
    return headers, rows


def _has_value(value):
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def _as_table(raw_headers, raw_rows):
    headers = [str(h).strip() if h is not None else "" for h in raw_headers]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise FileRejected(_("La ligne 1 doit porter les en-têtes des colonnes : elle est vide."))
    duplicated = sorted({h for h in headers if h and headers.count(h) > 1})
    if duplicated:
        raise FileRejected(
            _("Colonnes en double à la ligne 1 : %(headers)s. Gardez-en une de chaque.")
            % {"headers": ", ".join(duplicated)}
        )
    rows = []
    for index, values in enumerate(raw_rows, start=2):
        if not any(_has_value(v) for v in values):
            continue  # empty lines are skipped
        extra = [v for v in values[len(headers) :] if _has_value(v)]
        if extra:
            raise FileRejected(
                _(
                    "Ligne %(line)d : des cellules sont remplies à droite de la dernière colonne "
                    "nommée. Donnez un en-tête à chaque colonne en ligne 1."
                )
                % {"line": index}
            )
        cells = {
            header: (values[i] if i < len(values) else None) for i, header in enumerate(headers)
        }
        cells.pop("", None)
        rows.append((index, cells))
        if len(rows) > max_rows():
            raise _too_many_rows()
    return Table(headers=[h for h in headers if h], rows=rows)
