"""The checks an uploaded .xlsx passes before openpyxl opens it.

openpyxl trusts the file: it builds every entry of the zip's central directory, parses whole
parts into trees (the shared strings, the styles, the workbook), holds a whole line of a sheet
before giving it, and pads lines to the sheet's declared size. A file of a few kilobytes can
thus cost gigabytes and minutes (a line of millions of ``<c/>``, millions of tiny shared
strings, a huge tag). So, with nothing kept but counters:

1. **The archive**, from its central directory: its size (read from the end record, before
   ``zipfile`` builds an entry per member), the number of members and the sum of their
   inflated sizes (``zipfile`` never inflates a member beyond the size declared there: a
   longer one fails its CRC check). Zip bombs stop here, before anything is inflated.
2. **Every XML part**, streamed through expat once: no DOCTYPE (entity expansion), a bounded
   depth, no tag or comment longer than ``MAX_TOKEN_BYTES``, and what openpyxl would hold at
   once: per line of a sheet, its cells, elements and text; per part, its elements and text
   outside the lines (the shared strings). The lines of a sheet are counted, empty and missing
   ones too, against ``GUIDE_IMPORT_MAX_ROWS``, and its cells, empty ones too, against
   ``MAX_CELLS`` (openpyxl's time follows them). A member that is not XML (an image) stops the
   scan at its first bytes, as it would stop openpyxl's parser.

Every refusal is a ``FileRejected`` with a French message, raised as soon as a bound is passed.
"""

import io
import math
import struct
import zipfile
from xml.parsers import expat

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .limits import (
    MAX_CELLS,
    MAX_CELLS_PER_ROW,
    MAX_CENTRAL_DIRECTORY_BYTES,
    MAX_DEPTH,
    MAX_MEMBERS,
    MAX_PART_CHARACTERS,
    MAX_PART_ELEMENTS,
    MAX_ROW_CHARACTERS,
    MAX_ROW_ELEMENTS,
    MAX_SHARED_STRINGS_ELEMENTS,
    MAX_TEXT_CHARACTERS,
    MAX_TOKEN_BYTES,
    FileRejected,
    max_inflated_bytes,
    max_rows,
    too_many_rows,
)

CHUNK_BYTES = 64 * 1024
CENTRAL_ENTRY_MIN_BYTES = 46  # a central directory entry without name nor extra fields
END_RECORD = b"PK\x05\x06"
END_RECORD_SIZE = 22
ZIP64_LOCATOR = b"PK\x06\x07"
ZIP64_LOCATOR_SIZE = 20
ZIP64_END_RECORD = b"PK\x06\x06"
ZIP64_END_RECORD_SIZE = 56


def not_xlsx():
    return FileRejected(
        _(
            "Ce fichier .xlsx est illisible : ce n'est pas un classeur Excel valide. "
            "Enregistrez-le au format « Classeur Excel (.xlsx) » et réessayez."
        )
    )


def abnormal(part, reason):
    """A structure no spreadsheet writes: the file is refused whatever it holds."""
    return FileRejected(
        _(
            "Ce classeur a une structure anormale (%(part)s : %(reason)s) : il est refusé par "
            "sécurité. Ouvrez-le dans votre tableur et enregistrez-le à nouveau au format "
            "« Classeur Excel (.xlsx) »."
        )
        % {"part": part, "reason": reason}
    )


def check_archive(data):
    """Refuse ``data`` (an .xlsx's bytes) unless openpyxl can open it at a bounded cost."""
    directory = central_directory(data)
    if directory is None:
        raise not_xlsx()
    entries, size = directory
    if entries > MAX_MEMBERS:
        raise too_many_members(entries)
    if size > MAX_CENTRAL_DIRECTORY_BYTES:  # more entries than the end record says
        raise too_many_members(size // CENTRAL_ENTRY_MIN_BYTES)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise too_many_members(len(members))
            inflated = sum(member.file_size for member in members)
            if inflated > max_inflated_bytes():
                raise FileRejected(
                    _(
                        "Ce classeur est trop volumineux une fois décompressé (%(size)s ; la "
                        "limite est de %(limit)s)."
                    )
                    % {
                        "size": filesizeformat(inflated),
                        "limit": filesizeformat(max_inflated_bytes()),
                    }
                )
            for member in members:
                if not member.is_dir():
                    scan_part(archive, member)
    except FileRejected:
        raise
    except Exception:  # zipfile raises many kinds: a bad CRC, an unknown compression...
        raise not_xlsx() from None


def too_many_members(count):
    return FileRejected(
        _(
            "Ce classeur contient %(count)s fichiers internes : la limite est de %(limit)s. "
            "Enregistrez-le à nouveau au format « Classeur Excel (.xlsx) »."
        )
        % {"count": count, "limit": MAX_MEMBERS}
    )


def central_directory(data):
    """``(entries, bytes)`` of the central directory that ``zipfile`` will read, as its
    ``_EndRecData`` finds it (the last end record, the ZIP64 one when a locator precedes it);
    ``None`` when there is none."""
    start = data.rfind(END_RECORD, max(0, len(data) - END_RECORD_SIZE - 0xFFFF))
    if start < 0 or len(data) - start < END_RECORD_SIZE:
        return None
    fields = struct.unpack("<4s4H2LH", data[start : start + END_RECORD_SIZE])
    entries, size = fields[4], fields[5]
    locator = start - ZIP64_LOCATOR_SIZE
    if locator >= 0 and data[locator : locator + 4] == ZIP64_LOCATOR:
        record_start = locator - ZIP64_END_RECORD_SIZE
        record = data[record_start:locator] if record_start >= 0 else b""
        if record[:4] != ZIP64_END_RECORD:
            return None  # a locator without its record: refused, whatever zipfile would do
        fields = struct.unpack("<4sQ2H2L4Q", record)
        entries, size = fields[7], fields[8]
    return entries, size


def scan_part(archive, member):
    """Stream one member through a ``PartScanner``; stop at its first byte that isn't XML."""
    scanner = PartScanner(member.filename)
    parser = scanner.parser
    fed = 0
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            fed += len(chunk)
            try:
                parser.Parse(chunk, False)
            except expat.ExpatError:
                return  # not XML, or not any more: openpyxl's parser stops at the same byte
            # Where expat stopped: the start of a token it holds until it ends.
            if fed - parser.CurrentByteIndex > MAX_TOKEN_BYTES:
                raise abnormal(member.filename, _("balise ou commentaire trop long"))
    try:
        parser.Parse(b"", True)
    except expat.ExpatError:
        return


class PartScanner:
    """expat's handlers for one XML part: they count, keep nothing, and raise ``FileRejected``
    at the first bound passed. Names are compared without their namespace prefix. Inside a
    line of a sheet, everything counts against the line (openpyxl drops a line once read);
    outside, against the part (openpyxl keeps the shared strings, a line's attributes...)."""

    def __init__(self, name):
        self.name = name
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.depth = 0
        self.is_sheet = False
        self.elements = 0  # outside lines
        self.max_elements = MAX_PART_ELEMENTS
        self.characters = 0  # outside lines, and the lines' own attributes
        self.lines = 0  # line elements met
        self.cells = 0  # cells of all lines, written or empty
        self.line = 0  # the current line's number, as openpyxl counts it
        self.row_depth = 0  # depth of the open line, 0 outside lines
        self.row_cells = self.row_elements = self.row_characters = 0
        self.run = 0  # characters of the current run of text

    def doctype(self, *args):
        raise abnormal(self.name, _("déclaration DOCTYPE"))

    def start(self, name, attributes):
        self.depth += 1
        self.run = 0
        if self.depth > MAX_DEPTH:
            raise abnormal(self.name, _("éléments imbriqués trop profondément"))
        if self.row_depth:
            if self.depth == self.row_depth + 1:
                self.row_cells += 1
                if self.row_cells > MAX_CELLS_PER_ROW:
                    raise FileRejected(
                        _("Ligne %(line)d : plus de %(count)s cellules, le maximum d'un tableur.")
                        % {"line": self.line, "count": MAX_CELLS_PER_ROW}
                    )
                self.cells += 1
                if self.cells > MAX_CELLS:
                    raise FileRejected(
                        _(
                            "Une feuille du classeur a plus de %(count)s cellules, vides comprises "
                            "(ligne %(line)d) : supprimez les lignes et les colonnes inutiles, ou "
                            "découpez le fichier."
                        )
                        % {"count": MAX_CELLS, "line": self.line}
                    )
            self.row_elements += 1
            if self.row_elements > MAX_ROW_ELEMENTS:
                raise abnormal(self.name, _("ligne %(line)d trop chargée") % {"line": self.line})
            if attributes:
                self.count_row_characters(sum(map(len, attributes.values())))
            return
        if attributes:
            self.count_part_characters(sum(map(len, attributes.values())))
        local = name.rpartition(":")[2]
        if self.depth == 1:
            self.is_sheet = local == "worksheet"
            if local == "sst":
                self.max_elements = MAX_SHARED_STRINGS_ELEMENTS
        elif self.is_sheet and local == "row":
            self.start_line(attributes.get("r"))
            return
        self.elements += 1
        if self.elements > self.max_elements:
            raise abnormal(
                self.name, _("plus de %(count)s éléments") % {"count": self.max_elements}
            )

    def start_line(self, number):
        """A line of the sheet: numbered as openpyxl does (its ``r``, else the previous + 1);
        a gap stands for empty lines, which count."""
        self.lines += 1
        self.line = _line_number(number, self.line)
        if self.line > max_rows() + 1 or self.lines > max_rows() + 1:
            raise too_many_rows()
        self.row_depth = self.depth
        self.row_cells = self.row_elements = self.row_characters = 0

    def end(self, name):
        self.run = 0
        if self.depth == self.row_depth:
            self.row_depth = 0
        self.depth -= 1

    def text(self, data):
        count = len(data)
        self.run += count
        if self.run > MAX_TEXT_CHARACTERS:
            raise abnormal(
                self.name,
                _("texte de plus de %(count)s caractères") % {"count": MAX_TEXT_CHARACTERS},
            )
        if self.row_depth:
            self.count_row_characters(count)
        else:
            self.count_part_characters(count)

    def count_row_characters(self, count):
        self.row_characters += count
        if self.row_characters > MAX_ROW_CHARACTERS:
            raise FileRejected(
                _("Ligne %(line)d : ses cellules portent plus de %(count)s caractères.")
                % {"line": self.line, "count": MAX_ROW_CHARACTERS}
            )

    def count_part_characters(self, count):
        self.characters += count
        if self.characters > MAX_PART_CHARACTERS:
            raise abnormal(
                self.name, _("plus de %(count)s caractères") % {"count": MAX_PART_CHARACTERS}
            )


def _line_number(number, previous):
    """A line's ``r`` attribute read as openpyxl reads it (an integer, or a float that is
    one); anything else is the next line, and openpyxl will refuse it later."""
    if number is None:
        return previous + 1
    try:
        return int(number)
    except ValueError:
        pass
    try:
        value = float(number)
    except ValueError:
        return previous + 1
    if math.isfinite(value) and value.is_integer():
        return int(value)
    return previous + 1
