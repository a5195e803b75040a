"""How much an uploaded spreadsheet may hold, and the exception that refuses one.

Two settings: ``GUIDE_IMPORT_MAX_BYTES`` (the upload) and ``GUIDE_IMPORT_MAX_ROWS`` (every line
after the header, empty ones too: a sheet's empty lines cost memory as filled ones do). The
other bounds are fixed, far above what a fiches file needs, and chosen so that the largest file
accepted costs the server what the largest legitimate one does: a file of a few kilobytes must
not make it inflate, pad or parse gigabytes (``benchmarks/import_hostile_files.py`` measures
them).
"""

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ROWS = 10_000

# Named columns on line 1. Cells: those kept from any file (filled lines × columns: each
# line becomes a dict of every column), and those an .xlsx's sheet holds, written or empty
# (openpyxl parses each one: the CPU time of a read follows them).
MAX_COLUMNS = 1_000
MAX_CELLS = 1_000_000

# An .xlsx archive, from its central directory (before anything is inflated).
MAX_CENTRAL_DIRECTORY_BYTES = 256 * 1024
MAX_MEMBERS = 1_000
MAX_INFLATION = 10  # all members inflated: at most 10 × GUIDE_IMPORT_MAX_BYTES

# An .xlsx's XML parts, scanned before openpyxl parses them (see ``xlsx_checks``).
MAX_CELLS_PER_ROW = 16_384  # the last column of a spreadsheet (XFD)
MAX_ROW_ELEMENTS = 8 * MAX_CELLS_PER_ROW  # a cell and its value, inline string, formula...
MAX_ROW_CHARACTERS = 4_000_000  # a line's text, all its cells together
MAX_PART_ELEMENTS = 150_000  # in one part, outside the sheet's lines (styles, merged cells...)
MAX_SHARED_STRINGS_ELEMENTS = 500_000  # the shared strings (2 elements a string, at least)
MAX_PART_CHARACTERS = 32_000_000  # text kept from one part (the shared strings)
MAX_TEXT_CHARACTERS = 1_000_000  # one piece of text (a spreadsheet's cell holds 32 767)
MAX_TOKEN_BYTES = 1024 * 1024  # one tag, comment or instruction
MAX_DEPTH = 64


class FileRejected(Exception):
    """The file can't be read as a fiches table. The message is French."""


def max_bytes():
    return getattr(settings, "GUIDE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows():
    return getattr(settings, "GUIDE_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def max_inflated_bytes():
    return MAX_INFLATION * max_bytes()


def too_many_rows():
    return FileRejected(
        _(
            "Le fichier a plus de %(count)s lignes après l'en-tête, lignes vides comprises : "
            "supprimez les lignes vides en fin de tableau, ou découpez-le en plusieurs fichiers."
        )
        % {"count": max_rows()}
    )
