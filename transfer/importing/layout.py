"""The file's header line: which columns it has, grouped as the import reads them.

A file may carry any subset of the columns (``columns.py``), named by their French title (as
exported since 2026-12: « Date de clôture ») or by their key (older exports: ``date_cloture``);
``readable_table`` renames them to their keys, and messages name the column as the file spelt
it. The fiche columns it has are compared and updated, the others are left as they are. Case,
volet and contact columns come in numbered groups (``cas_1_*``, ``volet_1_*``, ``contact_2_*``)
that must be complete, except the volet parts added in 2026-12 (``OPTIONAL_VOLET_PARTS``: a file
made before leaves those fields of its volets as they are). A file of the national schema
imported as a guide file, or without ``uuid`` nor ``titre``, is refused with a message that says
what to do; unknown headers are ignored with a warning. A column named twice (by its title and
by its key) is refused.
"""

from dataclasses import dataclass, field, replace

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

from ..columns import (
    INFO_HEADERS,
    OLD_VERSION_DATE_KEY,
    OPTIONAL_VOLET_PARTS,
    VERSION_KEY,
    case_columns,
    column_for_header,
    contact_columns,
    field_label,
    header_for_field,
    key_for_header,
    volet_columns,
)
from ..report import Message

NATIONAL_HEADERS = {"id", "titre", "types_aides", "porteurs"}


@dataclass
class Layout:
    """The columns of one file, and how its messages name them (``source_headers``: the
    national schema's header a converted column came from)."""

    headers: list
    source_headers: dict = field(default_factory=dict)
    fiche_columns: list = field(default_factory=list)
    case_groups: dict = field(default_factory=dict)  # {number: [Column]}
    volet_groups: dict = field(default_factory=dict)  # {number: [Column]}
    contact_groups: dict = field(default_factory=dict)  # {number: [Column]}
    errors: list = field(default_factory=list)  # Message: the file cannot be imported
    warnings: list = field(default_factory=list)  # Message

    @property
    def has_version(self):
        """Whether rows carry the version they were exported from (« Version exportée »)."""
        return VERSION_KEY in self.headers

    @property
    def has_version_date(self):
        """An export made before 2026-12: only the date of the exported version."""
        return OLD_VERSION_DATE_KEY in self.headers

    @property
    def has_cases(self):
        return bool(self.case_groups)

    @property
    def has_volets(self):
        return bool(self.volet_groups)

    @property
    def has_contacts(self):
        return bool(self.contact_groups)

    def source(self, header):
        """The header as the file spelt it."""
        return self.source_headers.get(header, header)

    def page_field_column(self, name):
        """The column to name in a message about the fiche field ``name``."""
        if name == NON_FIELD_ERRORS:
            return ""
        header = header_for_field(name)
        return self.source(header) if header else field_label(name)

    def component_column(self, number, name):
        """The column to name in a message about the field ``name`` of volet ``number``."""
        for column in volet_columns(number):
            if column.field == name:
                return self.source(column.header)
        return self.source(f"volet_{number}_nature")

    def case_column(self, number, name):
        """The column to name in a message about the field ``name`` of case ``number``."""
        for column in case_columns(number):
            if column.field == name:
                return self.source(column.header)
        return self.source(f"cas_{number}_territoires")


def readable_table(table):
    """``table`` with its French headers renamed to the columns' keys (``source_headers``
    keeps the file's spelling for the messages); a header named twice, once by its title and
    once by its key, stays as it is and ``read_layout`` refuses it."""
    keys = [key_for_header(header) for header in table.headers]
    renamed = {h: k for h, k in zip(table.headers, keys, strict=True) if h != k}
    if not renamed or len(set(keys)) != len(keys):
        return table
    source_headers = dict(table.source_headers)
    for header, key in renamed.items():
        source_headers[key] = table.source_headers.get(header, header)
    rows = [
        (line, {renamed.get(header, header): value for header, value in cells.items()})
        for line, cells in table.rows
    ]
    return replace(table, headers=keys, rows=rows, source_headers=source_headers)


def read_layout(table):
    """The ``Layout`` of a ``files.Table``; its ``errors`` say why the file cannot be imported."""
    layout = Layout(headers=table.headers, source_headers=table.source_headers)
    headers = table.headers
    keys = [key_for_header(header) for header in headers]
    twice = sorted({h for h, k in zip(headers, keys, strict=True) if keys.count(k) > 1})
    if twice:
        layout.errors.append(
            Message(
                _("Ces colonnes désignent la même colonne : %(headers)s. Gardez-en une.")
                % {"headers": ", ".join(twice)}
            )
        )
        return layout
    unknown = []
    for header in headers:
        if header in INFO_HEADERS:
            continue
        column = column_for_header(header)
        if column is None:
            unknown.append(header)
        elif column.group == "fiche":
            layout.fiche_columns.append(column)
        elif column.group == "cas":
            layout.case_groups.setdefault(column.number, []).append(column)
        elif column.group == "volet":
            layout.volet_groups.setdefault(column.number, []).append(column)
        else:
            layout.contact_groups.setdefault(column.number, []).append(column)
    if set(headers) >= NATIONAL_HEADERS and "uuid" not in headers:
        layout.errors.append(
            Message(
                _(
                    "Ce fichier suit le schéma national des dispositifs d'aide (colonnes id, "
                    "types_aides, porteurs...) : importez-le comme « CSV du schéma national »."
                )
            )
        )
        return layout
    if "uuid" not in headers and "titre" not in headers:
        layout.errors.append(
            Message(
                _(
                    "La ligne 1 n'a pas les en-têtes attendus : il faut au moins la colonne "
                    "uuid ou la colonne titre (exportez les fiches pour obtenir un modèle)."
                )
            )
        )
        return layout
    for label, groups, make, optional in (
        ("cas", layout.case_groups, case_columns, set()),
        ("volet", layout.volet_groups, volet_columns, OPTIONAL_VOLET_PARTS),
        ("contact", layout.contact_groups, contact_columns, set()),
    ):
        for number, columns in sorted(groups.items()):
            present = {column.header for column in columns}
            missing = [
                c.header
                for c in make(number)
                if c.header not in present and c.header.split("_", 2)[2] not in optional
            ]
            if missing:
                layout.errors.append(
                    Message(
                        _(
                            "Le groupe de colonnes %(group)s_%(number)d est incomplet : il "
                            "manque %(missing)s."
                        )
                        % {"group": label, "number": number, "missing": ", ".join(missing)}
                    )
                )
            # The group's columns in the format's order; an optional part the file lacks is
            # left out (that field stays as it is).
            groups[number] = [
                c
                for c in make(number)
                if c.header in present or c.header.split("_", 2)[2] not in optional
            ]
    if unknown:
        layout.warnings.append(
            Message(
                _("Colonnes inconnues, ignorées : %(headers)s.") % {"headers": ", ".join(unknown)}
            )
        )
    return layout
