"""Importing a table of fiches: parse → plan → validate → apply (``transfer/importing/``).

- **Layout** and **parse** (``importing/layout.py``, ``importing/parse.py``): the header line
  gives the columns; each cell goes through its column's codec (``columns.py``); unknown keys
  are errors naming the line and the column, with the closest valid values.
- **Plan** (``importing/plan.py``): a row whose ``uuid`` is a French fiche of the guide is
  compared with that fiche's latest content (its latest revision when it has unpublished
  changes): no difference, the row is *inchangée* and nothing is checked nor written.
  Otherwise the row becomes a page: the latest content with the changed columns applied, or a
  new page.
- **Validate** (``importing/validate.py``): an existing fiche locked, under review or outside
  the user's edit rights is an error; the page goes through the admin's checks for a draft
  (``rules.py``); then the checks across rows. Every row has its outcome (créée, modifiée
  with the changed columns, inchangée, erreur) before anything is written. The dry run stops
  here.
- **Versions**: a row that changes a fiche which has a newer revision than the one the row was
  exported from (« Version exportée ») is *modifiée depuis l'export*: the dry run shows it
  with who changed the fiche and when, and the import refuses it (*refusée*, nothing written
  for it, the other rows go through) unless the editor ticked it (``overrides``: {line:
  revision id seen by the dry run}); a fiche changed again since the dry run is refused too.
- **Apply** (``importing/apply.py``): only when no row has an error, in one transaction: new
  contacts, then new pages (drafts, ``live=False``) and new revisions of changed pages (never
  published), submitted to their guide's review when ``submit`` is asked. Any failure rolls
  everything back.

Columns absent from the file are left as they are on existing fiches (a file with ``uuid`` and
``date_cloture`` only updates closing dates). Contacts are matched by name and organisation;
an unknown one is created; an existing one is never modified by an import.
"""

import re

from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from guide.models import AidIndexPage

from .columns import VERSION_KEY
from .files import FileRejected, read_table
from .importing.apply import apply_plans
from .importing.layout import read_layout, readable_table
from .importing.parse import RowParser
from .importing.plan import GuideFiches, Planner
from .importing.validate import check_duplicates, check_write_rights, validate_plan
from .national import national_table
from .references import References
from .report import ImportReport, Message, Outcome, RowReport

OVERRIDE_VALUE = re.compile(r"[0-9]{1,9}:[0-9]{1,18}")


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


class FicheImport:
    """Import one table (``files.Table``) into the guide ``index`` as ``user``."""

    def __init__(self, table, *, user=None, index=None, overrides=None, submit=False):
        self.table = readable_table(table)
        self.user = user
        self.index = index
        self.overrides = overrides or {}  # {line: the revision id the editor confirmed, or 0}
        self.submit = submit
        self.report = ImportReport(warnings=[Message(text) for text in table.warnings])

    def run(self, *, dry_run=True):
        report = self.report
        report.dry_run = dry_run
        with translation.override("fr"):
            if self.index is None:
                try:
                    self.index = default_index()
                except NoGuideIndex as error:
                    report.errors.append(Message(str(error)))
                    return report
            layout = read_layout(self.table)
            report.errors += layout.errors
            report.warnings += layout.warnings
            if report.errors:
                return report
            references = References(site=self.index.get_site())
            parser = RowParser(layout, references)
            planner = Planner(
                layout=layout,
                references=references,
                fiches=GuideFiches(self.index, self.table),
                index=self.index,
                user=self.user,
            )
            plans = []
            for line, cells in self.table.rows:
                row = RowReport(line=line)
                report.rows.append(row)
                for is_error, header, text in self.table.row_messages.get(line, ()):
                    (row.error if is_error else row.warn)(text, header)
                plan = planner.plan(row, parser.parse(row, cells))
                if plan is None:
                    continue
                check_write_rights(plan, self.user, layout)
                validate_plan(plan, layout)
                if row.errors:
                    row.outcome = Outcome.ERROR
                else:
                    plans.append(plan)
                    if row.stale:
                        self.resolve_stale(row, layout, dry_run=dry_run)
            check_duplicates(report.rows, plans, self.index, layout)
            self.warn_unversioned(layout)
            if dry_run or report.has_errors or not report.has_changes:
                return report
            report.applied = apply_plans(
                [plan for plan in plans if plan.report.outcome != Outcome.REFUSED],
                planner.new_contacts,
                index=self.index,
                user=self.user,
                submit=self.submit,
            )
        return report

    def resolve_stale(self, row, layout, *, dry_run):
        """A stale row: *modifiée depuis l'export* in a dry run; in the real run, imported only
        when the editor confirmed it on the version the fiche still has, else *refusée*."""
        if dry_run:
            row.outcome = Outcome.STALE
            return
        confirmed = self.overrides.get(row.line)
        if confirmed is not None and confirmed == (row.stale.revision_id or 0):
            row.overridden = True
            row.notes.append(
                _(
                    "Importée à votre demande bien que la fiche ait été %(stale)s : ces "
                    "modifications-là sont remplacées par celles du fichier."
                )
                % {"stale": row.stale.message}
            )
            return
        row.outcome = Outcome.REFUSED
        if confirmed is not None:
            text = _(
                "fiche %(stale)s, après l'essai à blanc : rien n'est écrit pour cette ligne. "
                "Relancez l'essai à blanc pour voir ces modifications."
            )
        else:
            text = _(
                "fiche %(stale)s : rien n'est écrit pour cette ligne. Exportez-la à nouveau, ou "
                "cochez « Importer quand même » lors de l'essai à blanc."
            )
        row.warn(text % {"stale": row.stale.message}, layout.source(VERSION_KEY))

    def warn_unversioned(self, layout):
        """A file without the exported versions: say that changes since cannot be seen."""
        if layout.has_version or not any(
            row.outcome in (Outcome.UPDATED, Outcome.STALE) for row in self.report.rows
        ):
            return
        if layout.has_version_date:
            text = _(
                "Ce fichier a été exporté avant décembre 2026 : il ne donne que la date de chaque "
                "fiche exportée (colonne modifiee_le). Une fiche modifiée le jour même de "
                "l'export n'est pas repérée : exportez à nouveau pour le vérifier."
            )
        else:
            text = _(
                "Ce fichier n'a pas de colonne « Version exportée » : l'import ne peut pas "
                "vérifier que les fiches n'ont pas été modifiées depuis que le fichier a été "
                "fait. Partez d'un export récent pour en profiter."
            )
        self.report.warnings.append(Message(text))


def overrides_of(values):
    """The stale rows the editor confirmed: ``{line: revision id}`` from checkbox values
    ``"line:revision"`` (``report.Staleness.override_value``, or the command's
    ``--override``); anything else is ignored. A value is only a wish: the import imports the
    row only if the fiche still has that revision, and only if the user may edit it (checked
    again)."""
    overrides = {}
    for value in values[:10_000]:
        if OVERRIDE_VALUE.fullmatch(str(value)):
            line, revision = str(value).split(":")
            overrides[int(line)] = int(revision)
    return overrides


def import_file(
    data,
    name,
    *,
    national=False,
    user=None,
    index=None,
    dry_run=True,
    overrides=None,
    submit=False,
):
    """Read ``data`` (a file named ``name``) and import it; a refused file gives a report whose
    only error says why (``report.rejected``). ``overrides``: the stale rows the editor
    confirmed ({line: revision id}); ``submit``: submit the saved fiches to their review."""
    with translation.override("fr"):
        try:
            table = read_table(data, name)
            if national:
                table = national_table(table, References())
        except FileRejected as error:
            report = ImportReport(dry_run=dry_run, errors=[Message(str(error))])
            report.rejected = True
            return report
    report = FicheImport(table, user=user, index=index, overrides=overrides, submit=submit).run(
        dry_run=dry_run
    )
    report.rejected = bool(report.errors) and not report.rows
    return report
