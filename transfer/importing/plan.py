"""What each row would do, before anything is written.

``GuideFiches`` loads, for the uuids of a file, the guide's fiches and their latest content
(their latest revision when they have unpublished changes), and knows the uuids that must not be
touched: a translation without its French fiche, a fiche of another guide. ``Planner`` gives a
parsed row its outcome: *inchangée* when no column differs from the stored content (nothing is
checked nor written), *modifiée* with the changed columns, *créée*; and for the last two the
page it would save (``RowPlan.page``: the latest content with the changed columns applied, or a
new draft), its eligibility cases, volets and contact lines, and the contacts the import would
create (matched by name and organisation across rows: a contact named twice is created once).
"""

import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

from guide.models import AidContact, AidPage, Contact, EligibilityCase, FinancialComponent

from ..cells import HtmlCodec, cell_text, quoted
from ..changes import cell_change
from ..columns import case_columns, volet_columns
from ..content import CASE_M2M_FIELDS, FicheContent, fiche_queryset, latest_contents
from ..references import same_text_key
from ..report import Outcome, RowReport, Staleness
from ..rules import model_errors

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
COMPONENT_KEYS = {
    "aid_type": "aid_types",
    "territory": "territories",
    "audience": "audiences",
    "sector": "sectors",
}
CHUNK = 500


@dataclass
class NewContact:
    contact: Contact
    line: int  # the row that creates it


@dataclass
class RowPlan:
    report: RowReport
    given: FicheContent
    existing: AidPage | None = None
    page: AidPage | None = None
    cases: list | None = None  # EligibilityCase objects, when the cases change
    components: list | None = None  # FinancialComponent objects, when the volets change
    contact_lines: list | None = None  # AidContact objects, when the contacts change
    contact_keys: list = field(default_factory=list)  # new-contact key of each line, or None
    checked_fields: set = field(default_factory=set)  # page fields the model checks


def person_name(user):
    """How the report names a user: full name, else username."""
    if user is None:
        return _("un utilisateur inconnu")
    return user.get_full_name() or user.get_username()


def same(codec, stored, given):
    """Whether a stored value and a file's value are the same for ``codec``."""
    if codec.is_blank(stored) and codec.is_blank(given):
        return True
    if codec.is_blank(stored) != codec.is_blank(given):
        if isinstance(stored, str) or isinstance(given, str):
            return (stored or "").strip() == (given or "").strip()
        return False
    return codec.same(stored, given)


class GuideFiches:
    """The fiches of ``index`` (the guide) that the rows of ``table`` name by uuid."""

    def __init__(self, index, table):
        self.index = index
        wanted = set()
        for _line, cells in table.rows:
            try:
                wanted.add(uuid.UUID(cell_text(cells.get("uuid"))))
            except ValueError:
                continue
        self.pages, self.contents = {}, {}  # {aid_uuid: AidPage}, {page pk: FicheContent}
        wanted = list(wanted)
        for start in range(0, len(wanted), CHUNK):
            pages = list(
                fiche_queryset()
                .descendant_of(index)
                .filter(aid_uuid__in=wanted[start : start + CHUNK])
            )
            self.contents.update(latest_contents(pages))
            self.pages.update({page.aid_uuid: page for page in pages})
        self.translated_only = set(
            AidPage.objects.filter(aid_uuid__in=wanted)
            .exclude(locale=index.locale)
            .values_list("aid_uuid", flat=True)
        ) - set(self.pages)
        # A fiche of another guide (another territory's site on the instance): never touched.
        self.elsewhere = (
            set(
                AidPage.objects.filter(aid_uuid__in=wanted, locale=index.locale)
                .not_descendant_of(index)
                .values_list("aid_uuid", flat=True)
            )
            - set(self.pages)
            - self.translated_only
        )
        self._titles = None

    def with_title(self, title):
        """The uuid of the guide's fiche with that title (accents and case aside), or None."""
        if self._titles is None:
            self._titles = {}
            same_guide = AidPage.objects.filter(locale=self.index.locale).descendant_of(self.index)
            for stored_title, aid_uuid in same_guide.values_list("title", "aid_uuid"):
                self._titles.setdefault(same_text_key(stored_title), aid_uuid)
        return self._titles.get(same_text_key(title))


class Planner:
    """Plans the rows of one file into ``index`` as ``user``; ``new_contacts`` gathers the
    contacts to create ({(name key, organisation pk): NewContact})."""

    def __init__(self, *, layout, references, fiches, index, user=None):
        self.layout = layout
        self.references = references
        self.fiches = fiches
        self.index = index
        self.user = user
        self.new_contacts = {}

    def plan(self, row, given):
        """The ``RowPlan`` of a parsed row, its page built; ``None`` when the row is in error
        or unchanged (``row.outcome`` says which)."""
        source = self.layout.source
        aid_uuid = given.values.get("aid_uuid")
        row.uuid = str(aid_uuid) if aid_uuid else ""
        existing = self.fiches.pages.get(aid_uuid) if aid_uuid else None
        stored = self.fiches.contents.get(existing.pk) if existing else None
        row.title = given.values.get("title") or (stored.values["title"] if stored else "")
        if existing:
            row.page_id = existing.pk
        if aid_uuid and aid_uuid in self.fiches.translated_only:
            row.error(
                _(
                    "%(value)s est l'identifiant d'une fiche traduite qui n'a pas de version "
                    "française : corrigez l'uuid ou videz la cellule pour créer une fiche."
                )
                % {"value": quoted(aid_uuid)},
                source("uuid"),
            )
        if aid_uuid and aid_uuid in self.fiches.elsewhere:
            row.error(
                _(
                    "%(value)s est l'identifiant d'une fiche d'un autre guide de ce site "
                    "d'administration : importez-la dans son guide, ou videz la cellule pour "
                    "créer une nouvelle fiche ici."
                )
                % {"value": quoted(aid_uuid)},
                source("uuid"),
            )
        if row.errors:
            row.outcome = Outcome.ERROR
            return None
        plan = RowPlan(report=row, given=given, existing=existing)
        if existing:
            changes = self.changes(stored, given)
            if not changes:
                row.outcome = Outcome.UNCHANGED
                return None
            row.changed = list(dict.fromkeys(source(header) for header, *_rest in changes))
            row.diffs = [
                cell_change(source(header), old, new) for header, _name, old, new in changes
            ]
            row.outcome = Outcome.UPDATED
            self.check_version(row, existing, given.exported)
            self.build(plan, changed_fields={name for _header, name, *_cells in changes})
            return plan
        row.outcome = Outcome.CREATED
        if not aid_uuid and row.title:
            twin = self.fiches.with_title(row.title)
            if twin:
                row.warn(
                    _(
                        "une fiche porte déjà ce titre (uuid %(uuid)s) : sans uuid, cette "
                        "ligne crée une autre fiche. Pour mettre à jour la fiche existante, "
                        "copiez son uuid dans la colonne uuid."
                    )
                    % {"uuid": twin}
                )
        self.build(plan, changed_fields=None)
        return plan

    # The version the row was exported from ------------------------------------------------

    def check_version(self, row, page, exported):
        """Mark ``row`` stale (``row.stale``) when ``page`` has a newer revision than the one
        the row was exported from: any draft saved, publication or import since. ``exported``
        ``None``: the file does not say (the file-level warning says so)."""
        if exported is None:
            return
        current = page.latest_revision_id
        if exported.on is None:
            if exported.revision_id == current:
                return
        else:  # an export made before 2026-12: only the date of its version
            changed_at = page.latest_revision_created_at
            if changed_at is None or timezone.localtime(changed_at).date() <= exported.on:
                return
        revision = (
            Revision.objects.filter(pk=current).select_related("user").first() if current else None
        )
        row.stale = Staleness(
            line=row.line,
            revision_id=current,
            changed_at=revision.created_at if revision else page.latest_revision_created_at,
            person=person_name(revision.user if revision else None),
        )

    # Comparison ----------------------------------------------------------------------------

    def changes(self, stored, given):
        """``[(header, field, old cell, new cell)]`` of the columns whose value differs from
        the stored content (the cells as the export writes them). ``field`` is a fiche field
        name, ``"cases"``, ``"volets"`` or ``"contacts"``."""
        references = self.references
        changes = []
        for column in self.layout.fiche_columns:
            name = column.field
            if name not in given.values or name == "aid_uuid":
                continue
            if name == "slug" and not given.values["slug"]:
                continue
            old, new = stored.values.get(name), given.values.get(name)
            if not same(column.codec, old, new):
                changes.append(
                    (
                        column.header,
                        name,
                        column.codec.cell(old, references),
                        column.codec.cell(new, references),
                    )
                )
        if given.cases is not None:
            changes += self.group_changes("cases", case_columns, stored.cases, given.cases)
        if given.components is not None:
            changes += self.group_changes(
                "volets", volet_columns, stored.components, given.components
            )
        if given.contacts is not None:
            count = max(len(stored.contacts), len(given.contacts))
            for position in range(count):
                old = stored.contacts[position] if position < len(stored.contacts) else {}
                new = given.contacts[position] if position < len(given.contacts) else {}
                number = new.get("_number", position + 1)
                changes += self.contact_changes(number, old, new)
        return changes

    def group_changes(self, name, columns_of, stored_items, given_items):
        """The changed columns of numbered groups (cases, volets) compared position by
        position: an added or removed item shows each of its filled cells. A column the file
        lacks (an optional volet part) is not compared."""
        references = self.references
        changes = []
        for position in range(max(len(stored_items), len(given_items))):
            old = stored_items[position] if position < len(stored_items) else {}
            new = given_items[position] if position < len(given_items) else {}
            number = new.get("_number", position + 1)
            for column in columns_of(number):
                if new and column.field not in new:
                    continue
                before, after = old.get(column.field), new.get(column.field)
                if not same(column.codec, before, after):
                    changes.append(
                        (
                            column.header,
                            name,
                            column.codec.cell(before, references) if old else None,
                            column.codec.cell(after, references) if new else None,
                        )
                    )
        return changes

    def contact_changes(self, number, old, new):
        """The changed columns of contact group ``number``, with their cells."""
        references = self.references
        organisations = references.vocabulary("organisations")
        old_contact = references.contacts.get(old.get("contact")) if old else None
        old_name = old_contact.name if old_contact else None
        old_org = organisations.key(old_contact.organisation_id) if old_contact else None
        new_name = new.get("name") if new else None
        new_org = organisations.key(new.get("organisation")) if new else None
        name, organisation = f"contact_{number}_nom", f"contact_{number}_organisation"
        note = f"contact_{number}_note"
        old_note = (old.get("referral_note") or "").strip() if old else None
        new_note = (new.get("referral_note") or "").strip() if new else None
        if not old or not new:  # a contact added or removed: its name first, always
            return [(name, "contacts", old_name, new_name)] + [
                change
                for change in (
                    (organisation, "contacts", old_org, new_org),
                    (note, "contacts", old_note, new_note),
                )
                if change[2] != change[3]
            ]
        changes = []
        if old.get("contact") != new.get("contact"):
            org_differs = old_contact is None or (
                old_contact.organisation_id != new.get("organisation")
            )
            name_differs = old_contact is None or same_text_key(old_name) != same_text_key(new_name)
            if name_differs or not org_differs:
                changes.append((name, "contacts", old_name, new_name))
            if org_differs:
                changes.append((organisation, "contacts", old_org, new_org))
        if old_note != new_note:
            changes.append((note, "contacts", old_note, new_note))
        return changes

    # The page to save ----------------------------------------------------------------------

    def build(self, plan, changed_fields):
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
            changed_fields = set(given.values) | {"cases", "volets", "contacts"}
        for name in changed_fields:
            if name in given.values and name != "aid_uuid":
                self.set_field(page, name, given.values[name])
        if "slug" in given.values and not given.values["slug"] and existing is None:
            page.slug = ""
        if given.cases is not None and "cases" in changed_fields:
            plan.cases = self.cases(page, given.cases)
            page.eligibility_cases = plan.cases
        if given.components is not None and "volets" in changed_fields:
            plan.components = self.components(page, given.components)
            page.financial_components = plan.components
        if given.contacts is not None and "contacts" in changed_fields:
            plan.contact_lines, plan.contact_keys = self.contact_lines(plan, page)
            page.contacts = plan.contact_lines
        plan.page = page
        plan.checked_fields = {"title"} | (changed_fields & set(given.values))

    def set_field(self, page, name, value):
        references = self.references
        if name in M2M_VOCABULARIES:
            vocabulary = references.vocabulary(M2M_VOCABULARIES[name])
            setattr(page, name, [vocabulary.get(pk) for pk in sorted(value or ())])
        elif name in FOREIGN_KEYS:
            setattr(page, name, references.vocabulary(FOREIGN_KEYS[name]).get(value))
        else:
            codec = next(c.codec for c in self.layout.fiche_columns if c.field == name)
            if isinstance(codec, HtmlCodec):
                value = codec.canonical(value)
            setattr(page, name, value)

    def components(self, page, items):
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

    def cases(self, page, items):
        """The page's eligibility cases as the file gives them, in memory (saved with the
        page's revision): its existing cases updated in place, position by position."""
        current = list(page.eligibility_cases.all())
        cases = []
        for position, item in enumerate(items):
            case = current[position] if position < len(current) else EligibilityCase()
            case.sort_order = position  # the file's column order is the reading order
            for name, value in item.items():
                if name.startswith("_"):
                    continue
                if name in CASE_M2M_FIELDS:
                    vocabulary = self.references.vocabulary(name)
                    setattr(case, name, [vocabulary.get(pk) for pk in sorted(value or ())])
                else:
                    setattr(case, name, value)
            cases.append(case)
        return cases

    def contact_lines(self, plan, page):
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
                self.new_contact(plan.report, item, key)
            lines.append(line)
            keys.append(key)
        return lines, keys

    def new_contact(self, row, item, key):
        """Plan the creation of a contact (once per file), checked as the admin checks it."""
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
            site=self.references.site,
            name=item["name"],
            organisation=organisation,
            email=item.get("email") or "",
            phone=item.get("phone") or "",
        )
        errors = model_errors(contact, exclude=["organisation"])
        parts = {"name": "nom", "email": "email", "phone": "telephone"}
        for name, messages in errors.items():
            column = self.layout.source(f"contact_{number}_{parts.get(name, 'nom')}")
            for message in messages:
                row.error(message, column)
        if not errors:
            self.new_contacts[key] = NewContact(contact, row.line)
            row.notes.append(
                _("Nouveau contact créé : « %(name)s » (%(organisation)s).")
                % {"name": contact.name, "organisation": organisation}
            )
