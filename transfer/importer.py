"""Importing a table of fiches: parse → validate → plan → apply.

- **Parse**: each cell through its column's codec (``columns.py``); unknown keys are errors
  naming the line and the column, with the closest valid values.
- **Validate**: a row whose ``uuid`` is a French fiche is compared with that fiche's latest
  content (its latest revision when it has unpublished changes): no difference, the row is
  *inchangée* and nothing is checked nor written. Otherwise the row becomes a page (the
  latest content with the changed columns applied, or a new page) that goes through the
  admin's checks for a draft (``rules.py``).
- **Plan**: every row gets its outcome (créée, modifiée with the changed columns, inchangée,
  erreur) before anything is written. The dry run stops here.
- **Apply**: only when no row has an error, in one transaction: new contacts, then new pages
  (drafts, ``live=False``) and new revisions of changed pages (never published). Any failure
  rolls everything back. Search indexing of the pages is batched at the end, inside the
  transaction.

Columns absent from the file are left as they are on existing fiches (a file with ``uuid`` and
``date_cloture`` only updates closing dates). Contacts are matched by name and organisation;
an unknown one is created; an existing one is never modified by an import.
"""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from guide.models import AidContact, AidIndexPage, AidPage, Contact, FinancialComponent
from guide.validators import normalize_phone
from search.indexing import bulk_indexing

from .cells import CellError, HtmlCodec, cell_text, quoted
from .columns import (
    INFO_HEADERS,
    column_for_header,
    contact_columns,
    field_label,
    header_for_field,
    volet_columns,
)
from .content import FicheContent, fiche_queryset, latest_contents
from .files import FileRejected, read_table
from .national import national_table
from .references import References, same_text_key
from .report import ImportReport, Message, Outcome, RowReport
from .rules import cross_field_errors, missing_for_publication, model_errors, page_exclusions

FOREIGN_KEYS = {"operator": "organisations", "programme": "programmes"}
M2M_VOCABULARIES = {
    "funders": "organisations",
    "audiences": "audiences",
    "company_sizes": "company_sizes",
    "sectors": "sectors",
    "project_stages": "project_stages",
    "territories": "territories",
    "aid_types": "aid_types",
}
COMPONENT_KEYS = {"aid_type": "aid_types", "territory": "territories"}
NATIONAL_HEADERS = {"id", "titre", "types_aides", "porteurs"}
CHUNK = 500


class NoGuideIndex(Exception):
    pass


def default_index():
    """The guide (``AidIndexPage``) of the default locale; the first one if there are several."""
    index = AidIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    if index is None:
        raise NoGuideIndex(
            _("Il n'y a pas de guide (page « index du guide ») où créer les fiches.")
        )
    return index


@dataclass
class NewContact:
    contact: Contact
    line: int


@dataclass
class RowPlan:
    report: RowReport
    given: FicheContent
    existing: AidPage | None = None
    page: AidPage | None = None
    components: list | None = None  # FinancialComponent objects, when the volets change
    contact_lines: list | None = None  # AidContact objects, when the contacts change
    contact_keys: list = field(default_factory=list)  # new-contact key of each line, or None
    checked_fields: set = field(default_factory=set)  # page fields the model checks


class _Rollback(Exception):
    pass


class FicheImport:
    """Import one table (``files.Table``) into the guide ``index`` as ``user``."""

    def __init__(self, table, *, user=None, index=None):
        self.table = table
        self.user = user
        self.index = index
        self.report = ImportReport(warnings=[Message(text) for text in table.warnings])
        self.plans = []
        self.new_contacts = {}

    # Entry point ---------------------------------------------------------------------------

    def run(self, *, dry_run=True):
        self.report.dry_run = dry_run
        with translation.override("fr"):
            if self.index is None:
                try:
                    self.index = default_index()
                except NoGuideIndex as error:
                    self.report.errors.append(Message(str(error)))
                    return self.report
            if not self._read_headers():
                return self.report
            self.references = References(site=self.index.get_site())
            self._load_existing()
            for line, cells in self.table.rows:
                self._plan_row(line, cells)
            self._check_duplicates()
            if dry_run or self.report.has_errors or not self.report.has_changes:
                return self.report
            self._apply_all()
        return self.report

    # Headers -------------------------------------------------------------------------------

    def _src(self, header):
        return self.table.source_header(header)

    def _read_headers(self):
        headers = self.table.headers
        self.fiche_columns, self.volet_groups, self.contact_groups = [], {}, {}
        unknown = []
        for header in headers:
            if header in INFO_HEADERS:
                continue
            column = column_for_header(header)
            if column is None:
                unknown.append(header)
            elif column.group == "fiche":
                self.fiche_columns.append(column)
            elif column.group == "volet":
                self.volet_groups.setdefault(column.number, []).append(column)
            else:
                self.contact_groups.setdefault(column.number, []).append(column)
        if set(headers) >= NATIONAL_HEADERS and "uuid" not in headers:
            self.report.errors.append(
                Message(
                    _(
                        "Ce fichier suit le schéma national des dispositifs d'aide (colonnes id, "
                        "types_aides, porteurs...) : importez-le comme « CSV du schéma national »."
                    )
                )
            )
            return False
        if "uuid" not in headers and "titre" not in headers:
            self.report.errors.append(
                Message(
                    _(
                        "La ligne 1 n'a pas les en-têtes attendus : il faut au moins la colonne "
                        "uuid ou la colonne titre (exportez les fiches pour obtenir un modèle)."
                    )
                )
            )
            return False
        for label, groups, make in (
            ("volet", self.volet_groups, volet_columns),
            ("contact", self.contact_groups, contact_columns),
        ):
            for number, columns in sorted(groups.items()):
                present = {column.header for column in columns}
                missing = [c.header for c in make(number) if c.header not in present]
                if missing:
                    self.report.errors.append(
                        Message(
                            _(
                                "Le groupe de colonnes %(group)s_%(number)d est incomplet : il "
                                "manque %(missing)s."
                            )
                            % {"group": label, "number": number, "missing": ", ".join(missing)}
                        )
                    )
                groups[number] = make(number)
        if unknown:
            self.report.warnings.append(
                Message(
                    _("Colonnes inconnues, ignorées : %(headers)s.")
                    % {"headers": ", ".join(unknown)}
                )
            )
        return not self.report.errors

    @property
    def has_volets(self):
        return bool(self.volet_groups)

    @property
    def has_contacts(self):
        return bool(self.contact_groups)

    # Existing fiches -----------------------------------------------------------------------

    def _load_existing(self):
        wanted = set()
        for _line, cells in self.table.rows:
            try:
                value = uuid.UUID(cell_text(cells.get("uuid")))
            except ValueError:
                continue
            wanted.add(value)
        self.existing, self.contents = {}, {}
        wanted = list(wanted)
        for start in range(0, len(wanted), CHUNK):
            pages = list(
                fiche_queryset()
                .descendant_of(self.index)
                .filter(aid_uuid__in=wanted[start : start + CHUNK])
            )
            self.contents.update(latest_contents(pages))
            self.existing.update({page.aid_uuid: page for page in pages})
        self.translated_only = set(
            AidPage.objects.filter(aid_uuid__in=wanted)
            .exclude(locale=self.index.locale)
            .values_list("aid_uuid", flat=True)
        ) - set(self.existing)
        # A fiche of another guide (another territory's site on the instance): never touched.
        self.elsewhere = (
            set(
                AidPage.objects.filter(aid_uuid__in=wanted, locale=self.index.locale)
                .not_descendant_of(self.index)
                .values_list("aid_uuid", flat=True)
            )
            - set(self.existing)
            - self.translated_only
        )
        self._titles = None

    def existing_titles(self):
        if self._titles is None:
            self._titles = {}
            same_guide = AidPage.objects.filter(locale=self.index.locale).descendant_of(self.index)
            for title, aid_uuid in same_guide.values_list("title", "aid_uuid"):
                self._titles.setdefault(same_text_key(title), aid_uuid)
        return self._titles

    # One row -------------------------------------------------------------------------------

    def _plan_row(self, line, cells):
        row = RowReport(line=line)
        self.report.rows.append(row)
        for is_error, header, text in self.table.row_messages.get(line, ()):
            (row.error if is_error else row.warn)(text, header)
        given = self._parse(row, cells)
        aid_uuid = given.values.get("aid_uuid")
        row.uuid = str(aid_uuid) if aid_uuid else ""
        existing = self.existing.get(aid_uuid) if aid_uuid else None
        stored = self.contents.get(existing.pk) if existing else None
        row.title = given.values.get("title") or (stored.values["title"] if stored else "")
        plan = RowPlan(report=row, given=given, existing=existing)
        if existing:
            row.page_id = existing.pk
        if aid_uuid and aid_uuid in self.translated_only:
            row.error(
                _(
                    "%(value)s est l'identifiant d'une fiche traduite qui n'a pas de version "
                    "française : corrigez l'uuid ou videz la cellule pour créer une fiche."
                )
                % {"value": quoted(aid_uuid)},
                self._src("uuid"),
            )
        if aid_uuid and aid_uuid in self.elsewhere:
            row.error(
                _(
                    "%(value)s est l'identifiant d'une fiche d'un autre guide de ce site "
                    "d'administration : importez-la dans son guide, ou videz la cellule pour "
                    "créer une nouvelle fiche ici."
                )
                % {"value": quoted(aid_uuid)},
                self._src("uuid"),
            )
        if row.errors:
            row.outcome = Outcome.ERROR
            return
        if existing:
            changes = self._changes(stored, given)
            if not changes:
                row.outcome = Outcome.UNCHANGED
                return
            row.changed = [self._src(header) for header, _field in changes]
            row.outcome = Outcome.UPDATED
            self._build(plan, changed_fields={name for _header, name in changes})
        else:
            row.outcome = Outcome.CREATED
            if not aid_uuid and row.title:
                twin = self.existing_titles().get(same_text_key(row.title))
                if twin:
                    row.warn(
                        _(
                            "une fiche porte déjà ce titre (uuid %(uuid)s) : sans uuid, cette "
                            "ligne crée une autre fiche. Pour mettre à jour la fiche existante, "
                            "copiez son uuid dans la colonne uuid."
                        )
                        % {"uuid": twin}
                    )
            self._build(plan, changed_fields=None)
        self._validate(plan)
        if row.errors:
            row.outcome = Outcome.ERROR
        else:
            self.plans.append(plan)

    def _parse(self, row, cells):
        given = FicheContent()
        for column in self.fiche_columns:
            if column.header not in cells:
                continue  # a converted row (national schema) leaves this field as it is
            try:
                given.values[column.field] = column.codec.parse(
                    cells.get(column.header), self.references
                )
            except CellError as error:
                row.error(str(error), self._src(column.header))
        if self.has_volets:
            given.components = [
                item
                for number, columns in sorted(self.volet_groups.items())
                if (item := self._parse_group(row, cells, number, columns, "aid_type"))
            ]
        else:
            given.components = None
        if self.has_contacts:
            given.contacts = [
                item
                for number, columns in sorted(self.contact_groups.items())
                if (item := self._parse_group(row, cells, number, columns, "name"))
            ]
            for item in given.contacts:
                self._resolve_contact(row, item)
        else:
            given.contacts = None
        return given

    def _parse_group(self, row, cells, number, columns, key_part):
        if not any(cell_text(cells.get(column.header)) for column in columns):
            return None
        item = {"_number": number}
        failed = False
        for column in columns:
            try:
                item[column.field] = column.codec.parse(cells.get(column.header), self.references)
            except CellError as error:
                row.error(str(error), self._src(column.header))
                failed = True
        key_column = next(column for column in columns if column.field == key_part)
        if not failed and not item.get(key_part):
            if key_part == "aid_type":
                text = _(
                    "indiquez la nature du volet (un identifiant de type d'aide, par exemple "
                    "pret ou subvention), ou videz tout le volet."
                )
            else:
                text = _("indiquez le nom du contact, ou videz tout le groupe contact.")
            row.error(text, self._src(key_column.header))
            failed = True
        if key_part == "name" and not failed and not item.get("organisation"):
            row.error(
                _("indiquez l'organisation du contact (son nom exact dans le guide)."),
                self._src(f"contact_{number}_organisation"),
            )
        return item

    def _resolve_contact(self, row, item):
        if "name" not in item or not item.get("organisation"):
            return
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
                self._src(f"contact_{number}_email"),
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
                    self._src(f"contact_{number}_telephone"),
                )

    # Comparison ----------------------------------------------------------------------------

    def _changes(self, stored, given):
        """``[(header, field)]`` of the columns whose value differs from the stored content.
        ``field`` is a fiche field name, ``"volets"`` or ``"contacts"``."""
        changes = []
        for column in self.fiche_columns:
            name = column.field
            if name not in given.values or name == "aid_uuid":
                continue
            if name == "slug" and not given.values["slug"]:
                continue
            if not same(column.codec, stored.values.get(name), given.values.get(name)):
                changes.append((column.header, name))
        if given.components is not None:
            count = max(len(stored.components), len(given.components))
            for position in range(count):
                old = stored.components[position] if position < len(stored.components) else {}
                new = given.components[position] if position < len(given.components) else {}
                number = new.get("_number", position + 1)
                for column in volet_columns(number):
                    if not same(column.codec, old.get(column.field), new.get(column.field)):
                        changes.append((column.header, "volets"))
        if given.contacts is not None:
            count = max(len(stored.contacts), len(given.contacts))
            for position in range(count):
                old = stored.contacts[position] if position < len(stored.contacts) else {}
                new = given.contacts[position] if position < len(given.contacts) else {}
                number = new.get("_number", position + 1)
                changes += self._contact_changes(number, old, new)
        return list(dict.fromkeys(changes))

    def _contact_changes(self, number, old, new):
        name, organisation = f"contact_{number}_nom", f"contact_{number}_organisation"
        note = f"contact_{number}_note"
        if not old or not new:
            return [(name, "contacts")]
        changes = []
        if old.get("contact") != new.get("contact"):
            old_contact = self.references.contacts.get(old.get("contact"))
            org_differs = old_contact is None or (
                old_contact.organisation_id != new.get("organisation")
            )
            name_differs = old_contact is None or same_text_key(old_contact.name) != same_text_key(
                new.get("name")
            )
            if name_differs or not org_differs:
                changes.append((name, "contacts"))
            if org_differs:
                changes.append((organisation, "contacts"))
        if (old.get("referral_note") or "").strip() != (new.get("referral_note") or "").strip():
            changes.append((note, "contacts"))
        return changes

    # Building the page ---------------------------------------------------------------------

    def _build(self, plan, changed_fields):
        """The page to save: the latest content with the changed fields, or a new draft."""
        given, existing = plan.given, plan.existing
        if existing is not None:
            if existing.has_unpublished_changes:
                page = existing.get_latest_revision_as_object()
            else:
                page = AidPage.objects.get(pk=existing.pk)
        else:
            page = AidPage(
                locale=self.index.locale,
                live=False,
                owner=self.user,
                aid_uuid=given.values.get("aid_uuid") or uuid.uuid4(),
            )
            changed_fields = set(given.values) | {"volets", "contacts"}
        for name in changed_fields:
            if name in given.values and name != "aid_uuid":
                self._set_field(page, name, given.values[name])
        if "slug" in given.values and not given.values["slug"] and existing is None:
            page.slug = ""
        if given.components is not None and "volets" in changed_fields:
            plan.components = self._components(page, given.components)
            page.financial_components = plan.components
        if given.contacts is not None and "contacts" in changed_fields:
            plan.contact_lines, plan.contact_keys = self._contact_lines(plan, page)
            page.contacts = plan.contact_lines
        plan.page = page
        plan.checked_fields = {"title"} | (changed_fields & set(given.values))

    def _set_field(self, page, name, value):
        references = self.references
        if name in M2M_VOCABULARIES:
            vocabulary = references.vocabulary(M2M_VOCABULARIES[name])
            setattr(page, name, [vocabulary.get(pk) for pk in sorted(value or ())])
        elif name in FOREIGN_KEYS:
            setattr(page, name, references.vocabulary(FOREIGN_KEYS[name]).get(value))
        else:
            codec = next(c.codec for c in self.fiche_columns if c.field == name)
            if isinstance(codec, HtmlCodec):
                value = codec.canonical(value)
            setattr(page, name, value)

    def _components(self, page, items):
        current = list(page.financial_components.all())
        components = []
        for position, item in enumerate(items):
            if position < len(current):
                component = current[position]
            else:
                component = FinancialComponent(locale_id=page.locale_id)
            component.sort_order = position  # the file's column order is the reading order
            for name, value in item.items():
                if name.startswith("_"):
                    continue
                if name in COMPONENT_KEYS:
                    vocabulary = self.references.vocabulary(COMPONENT_KEYS[name])
                    setattr(component, name, vocabulary.get(value) if value else None)
                else:
                    setattr(component, name, value)
            components.append(component)
        return components

    def _contact_lines(self, plan, page):
        current = list(page.contacts.all())
        lines, keys = [], []
        for position, item in enumerate(plan.given.contacts):
            if position < len(current):
                line = current[position]
            else:
                line = AidContact(locale_id=page.locale_id, referral_note="")
            line.sort_order = position  # the file's column order is the reading order
            line.referral_note = item.get("referral_note") or ""
            key = None
            if item.get("contact"):
                line.contact = self.references.contacts[item["contact"]]
            elif item.get("name") and item.get("organisation"):
                key = (same_text_key(item["name"]), item["organisation"])
                self._plan_new_contact(plan.report, item, key)
            lines.append(line)
            keys.append(key)
        return lines, keys

    def _plan_new_contact(self, row, item, key):
        number = item["_number"]
        organisation = self.references.vocabulary("organisations").get(item["organisation"])
        known = self.new_contacts.get(key)
        if known is not None:
            row.notes.append(
                _("Contact « %(name)s » (%(organisation)s) créé par la ligne %(line)d.")
                % {"name": known.contact.name, "organisation": organisation, "line": known.line}
            )
            return
        contact = Contact(
            name=item["name"],
            organisation=organisation,
            email=item.get("email") or "",
            phone=item.get("phone") or "",
        )
        errors = model_errors(contact, exclude=["organisation"])
        parts = {"name": "nom", "email": "email", "phone": "telephone"}
        for name, messages in errors.items():
            column = self._src(f"contact_{number}_{parts.get(name, 'nom')}")
            for message in messages:
                row.error(message, column)
        if not errors:
            self.new_contacts[key] = NewContact(contact, row.line)
            row.notes.append(
                _("Nouveau contact créé : « %(name)s » (%(organisation)s).")
                % {"name": contact.name, "organisation": organisation}
            )

    # Validation ----------------------------------------------------------------------------

    def _validate(self, plan):
        row, page = plan.report, plan.page
        new_without_slug = plan.existing is None and not page.slug
        if new_without_slug and page.title and not slugify(page.title, allow_unicode=True):
            row.error(
                _("impossible de tirer une adresse de ce titre : remplissez la colonne slug."),
                self._src("titre"),
            )
        for name, messages in model_errors(
            page, page_exclusions(page, plan.checked_fields)
        ).items():
            for message in messages:
                row.error(message, self._column_for_page_field(name))
        components = plan.components
        if components is None:
            components = list(page.financial_components.all())
        numbers = [item["_number"] for item in plan.given.components or ()]
        for position, component in enumerate(plan.components or ()):
            number = numbers[position] if position < len(numbers) else position + 1
            exclude = ["page", "locale", "translation_key", "sort_order", "aid_type", "territory"]
            for name, messages in model_errors(component, exclude).items():
                for message in messages:
                    row.error(message, self._component_column(number, name))
        page_errors, component_errors = cross_field_errors(page, components)
        for name, message in page_errors:
            row.error(message, self._column_for_page_field(name))
        for position, errors in component_errors.items():
            number = numbers[position] if position < len(numbers) else position + 1
            for name, message in errors:
                row.error(message, self._component_column(number, name))
        contact_numbers = [item["_number"] for item in plan.given.contacts or ()]
        for position, line in enumerate(plan.contact_lines or ()):
            number = contact_numbers[position]
            exclude = ["page", "locale", "translation_key", "sort_order", "contact"]
            if not line.referral_note:
                exclude.append("referral_note")
            for _name, messages in model_errors(line, exclude).items():
                for message in messages:
                    row.error(message, self._src(f"contact_{number}_note"))
        if not row.errors:
            contact_lines = plan.contact_lines
            if contact_lines is None:
                contact_lines = list(page.contacts.all())
            missing = missing_for_publication(page, components, contact_lines)
            if missing:
                row.notes.append(
                    _("Brouillon incomplet : pour publier, il manquera %(missing)s.")
                    % {"missing": ", ".join(self._src(m) for m in missing)}
                )

    def _column_for_page_field(self, name):
        if name == NON_FIELD_ERRORS:
            return ""
        header = header_for_field(name)
        return self._src(header) if header else field_label(name)

    def _component_column(self, number, name):
        if name == NON_FIELD_ERRORS:
            return self._src(f"volet_{number}_nature")
        for column in volet_columns(number):
            if column.field == name:
                return self._src(column.header)
        return self._src(f"volet_{number}_nature")

    def _check_duplicates(self):
        seen_uuids, seen_slugs = {}, {}
        siblings = None
        for row in self.report.rows:
            if row.uuid:
                first = seen_uuids.setdefault(row.uuid, row.line)
                if first != row.line:
                    row.error(
                        _(
                            "cet uuid figure déjà à la ligne %(line)d : une fiche ne peut être "
                            "importée qu'une fois par fichier."
                        )
                        % {"line": first},
                        self._src("uuid"),
                    )
                    row.outcome = Outcome.ERROR
        for plan in self.plans:
            slug = plan.given.values.get("slug")
            if not slug or plan.report.outcome == Outcome.ERROR:
                continue
            first = seen_slugs.setdefault(slug, plan.report.line)
            if first != plan.report.line:
                plan.report.error(
                    _("le slug %(slug)s figure déjà à la ligne %(line)d.")
                    % {"slug": quoted(slug), "line": first},
                    self._src("slug"),
                )
                plan.report.outcome = Outcome.ERROR
                continue
            if plan.existing is None:
                if siblings is None:
                    siblings = set(self.index.get_children().values_list("slug", flat=True))
                if slug in siblings:
                    plan.report.error(
                        _("le slug %(slug)s est déjà pris par une autre fiche du guide.")
                        % {"slug": quoted(slug)},
                        self._src("slug"),
                    )
                    plan.report.outcome = Outcome.ERROR

    # Apply ---------------------------------------------------------------------------------

    def _apply_all(self):
        try:
            with (
                transaction.atomic(),
                bulk_indexing(AidPage) as indexed,
                disable_reference_index_auto_update(),
            ):
                for new_contact in self.new_contacts.values():
                    new_contact.contact.save()
                    ReferenceIndex.create_or_update_for_object(new_contact.contact)
                for plan in self.plans:
                    if plan.report.outcome not in (Outcome.CREATED, Outcome.UPDATED):
                        continue
                    try:
                        self._apply(plan, indexed)
                    except Exception as error:  # reported on its row, then rolled back
                        plan.report.error(
                            _("l'enregistrement a échoué (%(error)s) : rien n'a été importé.")
                            % {"error": error}
                        )
                        plan.report.outcome = Outcome.ERROR
                        raise _Rollback from error
                # The admin's usage counts: one update per saved page row, not one per save.
                for page in AidPage.objects.filter(pk__in=indexed).iterator(chunk_size=CHUNK):
                    ReferenceIndex.create_or_update_for_object(page)
        except _Rollback:
            self.report.applied = False
            return
        self.report.applied = True

    def _free_slug(self, title):
        """An ASCII slug from the title (as the demo's), with -2, -3... if already taken."""
        base = slugify(title) or slugify(title, allow_unicode=True)
        taken = set(
            self.index.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
        )
        candidate, suffix = base, 1
        while candidate in taken:
            suffix += 1
            candidate = f"{base}-{suffix}"
        return candidate

    def _apply(self, plan, indexed):
        page = plan.page
        if plan.contact_lines is not None:
            for line, key in zip(plan.contact_lines, plan.contact_keys, strict=True):
                if key is not None:
                    line.contact = self.new_contacts[key].contact
            page.contacts = plan.contact_lines
        if plan.existing is None:
            if not page.slug:
                page.slug = self._free_slug(page.title)
            self.index.add_child(instance=page)
            indexed.append(page.pk)
        elif not page.live:
            # As the admin's edit view: a page never published keeps its row in step.
            page.save()
            indexed.append(page.pk)
        page.save_revision(user=self.user, log_action=True, clean=False)
        plan.report.page_id = page.pk


def same(codec, stored, given):
    if codec.is_blank(stored) and codec.is_blank(given):
        return True
    if codec.is_blank(stored) != codec.is_blank(given):
        if isinstance(stored, str) or isinstance(given, str):
            return (stored or "").strip() == (given or "").strip()
        return False
    return codec.same(stored, given)


def import_file(data, name, *, national=False, user=None, index=None, dry_run=True):
    """Read ``data`` (a file named ``name``) and import it; a refused file gives a report whose
    only error says why (``report.rejected``)."""
    with translation.override("fr"):
        try:
            table = read_table(data, name)
            if national:
                table = national_table(table, References())
        except FileRejected as error:
            report = ImportReport(dry_run=dry_run, errors=[Message(str(error))])
            report.rejected = True
            return report
    report = FicheImport(table, user=user, index=index).run(dry_run=dry_run)
    report.rejected = bool(report.errors) and not report.rows
    return report
