"""Spreadsheets built by hand (``zipfile``) to attack the import's reading of uploaded files.

Each builder returns the bytes of a file, most of a few kilobytes, whose content costs a naive
reader far more: a dimension declaring the whole sheet, lines far beyond the limit, a line of
millions of cells, a huge shared-strings part, a tag of megabytes, entity expansion, a zip bomb,
thousands of members. ``legitimate_xlsx`` writes an ordinary workbook as the guide's export
does, for comparison. Used by ``tests/integrity/test_finding_05_spreadsheet_memory.py`` and
``benchmarks/import_hostile_files.py``.
"""

import io
import zipfile

from openpyxl import Workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
SHEET_OPEN = f'{DECLARATION}<worksheet xmlns="{MAIN}">'
HEADER = ("uuid", "titre")
TITLE = "Aide du fichier hostile"


def _content_types(shared_strings):
    strings = (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings+xml"/>'
        if shared_strings
        else ""
    )
    return (
        f'{DECLARATION}<Types xmlns="{PACKAGE}/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
        '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/>'
        f"{strings}</Types>"
    )


def _relationships(*relationships):
    items = "".join(
        f'<Relationship Id="rId{number}" Target="{target}" Type="{RELATIONSHIPS}/{kind}"/>'
        for number, (target, kind) in enumerate(relationships, start=1)
    )
    return f'{DECLARATION}<Relationships xmlns="{PACKAGE}/relationships">{items}</Relationships>'


def _parts(shared_strings):
    workbook_relationships = [("worksheets/sheet1.xml", "worksheet")]
    if shared_strings:
        workbook_relationships.append(("sharedStrings.xml", "sharedStrings"))
    return {
        "[Content_Types].xml": _content_types(shared_strings),
        "_rels/.rels": _relationships(("xl/workbook.xml", "officeDocument")),
        "xl/workbook.xml": (
            f'{DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            '<sheet name="Fiches" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": _relationships(*workbook_relationships),
    }


def workbook(sheet_chunks, shared_strings_chunks=None):
    """An .xlsx whose worksheet is the concatenation of ``sheet_chunks`` (strings written one
    at a time: a sheet of millions of lines never sits in memory), with a shared-strings part
    made of ``shared_strings_chunks`` when given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _parts(shared_strings_chunks is not None).items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for chunk in sheet_chunks:
                sheet.write(chunk.encode())
        if shared_strings_chunks is not None:
            with archive.open("xl/sharedStrings.xml", "w") as strings:
                for chunk in shared_strings_chunks:
                    strings.write(chunk.encode())
    return buffer.getvalue()


def inline(text):
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def header_row():
    return '<row r="1">' + "".join(inline(text) for text in HEADER) + "</row>"


def fiche_row(line):
    """A line with an empty uuid and a title: a new fiche."""
    return f'<row r="{line}"><c t="inlineStr"><is><t></t></is></c>{inline(TITLE)}</row>'


def sheet(rows, before_data=""):
    """The chunks of a worksheet: ``before_data`` (a dimension...), the header line, ``rows``."""
    yield SHEET_OPEN
    yield before_data
    yield "<sheetData>"
    yield header_row()
    yield from rows
    yield "</sheetData></worksheet>"


def in_thousands(count, item):
    """``count`` times the string ``item(n)``, in chunks of a thousand."""
    for start in range(0, count, 1000):
        yield "".join(item(n) for n in range(start, min(start + 1000, count)))


# Hostile files -----------------------------------------------------------------------------------


def declared_dimension(last_line=3000):
    """One fiche, and an empty line at ``last_line``, under a dimension that declares the whole
    sheet (1 048 576 lines of 16 384 columns): openpyxl pads every line read to that width."""
    rows = [fiche_row(2), f'<row r="{last_line}"/>']
    return workbook(sheet(rows, '<dimension ref="A1:XFD1048576"/>'))


def last_line_far_away(line=1_048_576):
    """One fiche, then a line at ``line``: every line between is empty."""
    return workbook(sheet([fiche_row(2), fiche_row(line)]))


def many_empty_lines(count):
    """One fiche, then ``count`` empty lines (``<row r="…"/>``: a spreadsheet writes a line
    that only carries a format so)."""
    return workbook(sheet([fiche_row(2), *in_thousands(count, lambda n: f'<row r="{n + 3}"/>')]))


def wide_line(cells):
    """One line of ``cells`` empty cells (``<c/>``): a spreadsheet has 16 384 columns."""
    return workbook(sheet(['<row r="2">', *in_thousands(cells, lambda n: "<c/>"), "</row>"]))


def empty_cells(lines, cells):
    """``lines`` lines of ``cells`` empty cells each: nothing to read, everything to parse."""
    rows = (f'<row r="{line}">' + "<c/>" * cells + "</row>" for line in range(2, lines + 2))
    return workbook(sheet(rows))


def many_shared_strings(count):
    """A line of two shared strings, in a shared-strings part of ``count`` strings."""
    strings = [f'{DECLARATION}<sst xmlns="{MAIN}">']
    strings += in_thousands(count, lambda n: "<si><t>x</t></si>")
    strings.append("</sst>")
    line = '<row r="2"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>'
    return workbook(sheet([line]), strings)


def huge_shared_string(megabytes):
    """A shared string of ``megabytes`` million characters."""
    strings = [f'{DECLARATION}<sst xmlns="{MAIN}"><si><t>']
    strings += ["x" * 1_000_000] * megabytes
    strings.append("</t></si></sst>")
    return workbook(sheet(['<row r="2"><c t="s"><v>0</v></c></row>']), strings)


def entity_expansion(levels=9):
    """« Billion laughs »: a DOCTYPE whose entities expand tenfold at each level."""
    entities = '<!ENTITY e0 "ha">' + "".join(
        f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, levels + 1)
    )
    strings = [
        f'{DECLARATION}<!DOCTYPE sst [{entities}]><sst xmlns="{MAIN}"><si><t>&e{levels};</t>'
        "</si></sst>"
    ]
    return workbook(sheet(['<row r="2"><c t="s"><v>0</v></c></row>']), strings)


def long_tag(megabytes):
    """A cell whose tag carries ``megabytes`` MB of attributes."""
    attributes = in_thousands(megabytes * 1000, lambda n: f' a{n}="{"x" * 990}"')
    return workbook(sheet(['<row r="2"><c', *attributes, "/></row>"]))


def deep_nesting(depth):
    """A shared string nested ``depth`` elements deep."""
    strings = [
        f'{DECLARATION}<sst xmlns="{MAIN}"><si>',
        "<r>" * depth,
        "</r>" * depth,
        "</si></sst>",
    ]
    return workbook(sheet(['<row r="2"><c t="s"><v>0</v></c></row>']), strings)


def zip_bomb(megabytes):
    """A valid workbook and a member of ``megabytes`` MB of zeros (deflated a thousandfold)."""
    buffer = io.BytesIO(workbook(sheet([fiche_row(2)])))
    block = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("xl/media/image1.bin", "w") as member,
    ):
        for _ in range(megabytes):
            member.write(block)
    return buffer.getvalue()


def nested_zip(depth, megabytes):
    """A valid workbook carrying a zip of a zip of... (``depth`` levels) around ``megabytes``
    MB of zeros: each level is small, only the innermost inflates."""
    inner = b"\0" * (megabytes * 1024 * 1024)
    for level in range(depth):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr(f"level{level}", inner)
        inner = buffer.getvalue()
    buffer = io.BytesIO(workbook(sheet([fiche_row(2)])))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/embeddings/nested.zip", inner)
    return buffer.getvalue()


def many_members(count):
    """A valid workbook and ``count`` empty members."""
    buffer = io.BytesIO(workbook(sheet([fiche_row(2)])))
    with zipfile.ZipFile(buffer, "a") as archive:
        for number in range(count):
            archive.writestr(f"customXml/item{number}.xml", b"")
    return buffer.getvalue()


def csv_many_empty_lines(count):
    """A CSV with one fiche, then ``count`` empty lines."""
    return ("uuid,titre\r\n," + TITLE + "\r\n" + "\r\n" * count).encode()


def csv_wide_header(columns):
    """A CSV whose line 1 names ``columns`` columns."""
    return (",".join(f"colonne_{n}" for n in range(columns)) + "\r\n").encode()


def legitimate_xlsx(headers, rows):
    """An .xlsx as openpyxl (and the guide's export) writes it."""
    book = Workbook(write_only=True)
    sheet_ = book.create_sheet("Fiches")
    sheet_.append(headers)
    for row in rows:
        sheet_.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
