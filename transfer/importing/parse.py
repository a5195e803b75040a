"""One row's cells → the content it gives (``content.FicheContent``).

Each cell goes through its column's codec (``columns.py``, ``cells.py``); a value the codec
refuses is an error on the row naming the column, with the closest valid values. An empty case,
volet or contact group is no case, volet or contact; a filled volet needs its nature, a filled
contact its name and organisation (any filled cell makes a case). A contact is matched by name
and organisation with the guide's contacts: the import never changes a contact, so a different
e-mail or phone in the file is a warning.

A text cell starting with a quote before ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
loses that quote first: it is how the export keeps spreadsheets from running a text as a formula
(``core/spreadsheets.py``), so an exported file is read back as the fiches were.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.spreadsheets import restore_formula
from guide.validators import normalize_phone

from ..cells import CellError, DateCodec, IntegerCodec, cell_text, quoted
from ..columns import OLD_VERSION_DATE_KEY, VERSION_KEY
from ..content import ExportedVersion, FicheContent


class RowParser:
    """Parse rows of a file laid out as ``layout`` (``layout.Layout``), with the guide's
    ``references`` (``references.References``)."""

    def __init__(self, layout, references):
        self.layout = layout
        self.references = references

    def parse(self, row, cells):
        """The ``FicheContent`` of ``cells`` ({header: raw cell}); errors and warnings go to
        ``row`` (a ``report.RowReport``). ``components``/``contacts`` stay ``None`` when the
        file has no volet/contact columns (the fiche's are left as they are)."""
        layout = self.layout
        cells = {header: restore_formula(raw) for header, raw in cells.items()}
        given = FicheContent()
        for column in layout.fiche_columns:
            if column.header not in cells:
                continue  # a converted row (national schema) leaves this field as it is
            try:
                given.values[column.field] = column.codec.parse(
                    cells.get(column.header), self.references
                )
            except CellError as error:
                row.error(str(error), layout.source(column.header))
        given.cases = None
        if layout.has_cases:
            given.cases = [
                item
                for number, columns in sorted(layout.case_groups.items())
                if (item := self.parse_group(row, cells, number, columns, None))
            ]
        given.components = None
        if layout.has_volets:
            given.components = [
                item
                for number, columns in sorted(layout.volet_groups.items())
                if (item := self.parse_group(row, cells, number, columns, "aid_type"))
            ]
        given.contacts = None
        if layout.has_contacts:
            given.contacts = [
                item
                for number, columns in sorted(layout.contact_groups.items())
                if (item := self.parse_group(row, cells, number, columns, "name"))
            ]
            for item in given.contacts:
                self.match_contact(row, item)
        given.exported = self.exported_version(row, cells)
        return given

    def exported_version(self, row, cells):
        """The version the row was exported from, or ``None`` when the file does not say."""
        layout = self.layout
        try:
            if layout.has_version:
                revision_id = IntegerCodec().parse(cells.get(VERSION_KEY), self.references)
                return ExportedVersion(revision_id=revision_id)
            if layout.has_version_date:
                on = DateCodec().parse(cells.get(OLD_VERSION_DATE_KEY), self.references)
                return ExportedVersion(on=on) if on else None
        except CellError:
            header = VERSION_KEY if layout.has_version else OLD_VERSION_DATE_KEY
            row.error(
                _(
                    "%(value)s n'est pas une version exportée : remettez la valeur de l'export "
                    "(ou videz la cellule d'une nouvelle fiche)."
                )
                % {"value": quoted(cell_text(cells.get(header)))},
                layout.source(header),
            )
        return None

    def parse_group(self, row, cells, number, columns, key_part):
        """A case, volet or contact group as ``{field: value, "_number": number}``; ``None``
        when all its cells are empty. ``key_part``: the field a filled group requires (none
        for a case)."""
        if not any(cell_text(cells.get(column.header)) for column in columns):
            return None
        source = self.layout.source
        item = {"_number": number}
        failed = False
        for column in columns:
            try:
                item[column.field] = column.codec.parse(cells.get(column.header), self.references)
            except CellError as error:
                row.error(str(error), source(column.header))
                failed = True
        if key_part is None:
            return item
        key_column = next(column for column in columns if column.field == key_part)
        if not failed and not item.get(key_part):
            if key_part == "aid_type":
                text = _(
                    "indiquez la nature du volet (un identifiant de type d'aide, par exemple "
                    "pret ou subvention), ou videz tout le volet."
                )
            else:
                text = _("indiquez le nom du contact, ou videz tout le groupe contact.")
            row.error(text, source(key_column.header))
            failed = True
        if key_part == "name" and not failed and not item.get("organisation"):
            row.error(
                _("indiquez l'organisation du contact (son nom exact dans le guide)."),
                source(f"contact_{number}_organisation"),
            )
        return item

    def match_contact(self, row, item):
        """Set ``item["contact"]`` to the pk of the guide's contact of that name and
        organisation (``None``: a new contact); warn when the file's details differ."""
        if "name" not in item or not item.get("organisation"):
            return
        source = self.layout.source
        number = item["_number"]
        contact = self.references.find_contact(item["name"], item["organisation"])
        item["contact"] = contact.pk if contact else None
        if contact is None:
            return
        email = item.get("email") or ""
        if email and email.casefold() != (contact.email or "").casefold():
            row.warn(
                _(
                    "l'e-mail du fichier (%(given)s) diffère de celui du contact « %(name)s » "
                    "(%(stored)s). L'import ne modifie pas les contacts : corrigez-le dans "
                    "Acteurs du guide › Contacts si besoin."
                )
                % {"given": email, "name": contact.name, "stored": contact.email or "—"},
                source(f"contact_{number}_email"),
            )
        phone = item.get("phone") or ""
        if phone:
            try:
                same = normalize_phone(phone) == contact.phone
            except ValidationError:
                same = False
            if not same:
                row.warn(
                    _(
                        "le téléphone du fichier (%(given)s) diffère de celui du contact "
                        "« %(name)s » (%(stored)s). L'import ne modifie pas les contacts."
                    )
                    % {
                        "given": phone,
                        "name": contact.name,
                        "stored": contact.phone_display or "—",
                    },
                    source(f"contact_{number}_telephone"),
                )
