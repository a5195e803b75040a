"""The report of an import, row by row: créée, modifiée (with each changed cell's old and new
value), inchangée, modifiée depuis l'export (the dry run of a row whose fiche changed since the
file was exported), refusée (such a row, not confirmed) or erreur, with messages naming the
line and the column."""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


class Outcome(models.TextChoices):
    CREATED = "creee", gettext_lazy("créée")
    UPDATED = "modifiee", gettext_lazy("modifiée")
    UNCHANGED = "inchangee", gettext_lazy("inchangée")
    STALE = "perimee", gettext_lazy("modifiée depuis l'export")
    REFUSED = "refusee", gettext_lazy("refusée")
    ERROR = "erreur", gettext_lazy("erreur")


@dataclass(frozen=True)
class Staleness:
    """A row whose fiche has a newer version than the one the file was exported from."""

    line: int
    revision_id: int | None  # the fiche's latest revision now
    changed_at: datetime.datetime | None
    person: str

    @property
    def override_value(self):
        """What the row's « importer quand même » checkbox sends: the line and the version
        the editor saw, so that a fiche changed again since the dry run is refused."""
        return f"{self.line}:{self.revision_id or 0}"

    @property
    def when(self):
        if self.changed_at is None:
            return "—"
        # Translators: a date format (Django's date filter): « 7 décembre 2026 à 09:12 ».
        return formats.date_format(timezone.localtime(self.changed_at), _("j F Y à H:i"))

    @property
    def message(self):
        return _("modifiée depuis l'export le %(date)s par %(person)s") % {
            "date": self.when,
            "person": self.person,
        }


@dataclass
class Message:
    text: str
    line: int | None = None
    column: str = ""

    def __str__(self):
        if self.line and self.column:
            return _("Ligne %(line)d, colonne %(column)s : %(text)s") % {
                "line": self.line,
                "column": self.column,
                "text": self.text,
            }
        if self.line:
            return _("Ligne %(line)d : %(text)s") % {"line": self.line, "text": self.text}
        if self.column:
            return _("Colonne %(column)s : %(text)s") % {"column": self.column, "text": self.text}
        return self.text


@dataclass
class RowReport:
    line: int
    uuid: str = ""
    title: str = ""
    outcome: str = ""
    changed: list = field(default_factory=list)  # headers of the changed columns
    diffs: list = field(default_factory=list)  # changes.CellChange, one per changed cell
    stale: Staleness | None = None  # the fiche changed since the export
    overridden: bool = False  # ... and the editor confirmed this row all the same
    submitted: bool = False  # the import submitted the saved fiche to its review
    errors: list = field(default_factory=list)  # Message
    warnings: list = field(default_factory=list)  # Message
    notes: list = field(default_factory=list)  # plain French sentences (new contacts...)
    page_id: int | None = None

    def error(self, text, column=""):
        self.errors.append(Message(text, self.line, column))

    def warn(self, text, column=""):
        self.warnings.append(Message(text, self.line, column))

    @property
    def outcome_label(self):
        return Outcome(self.outcome).label if self.outcome else ""


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # file-level Message
    warnings: list = field(default_factory=list)  # file-level Message
    dry_run: bool = True
    applied: bool = False
    rejected: bool = False  # the file itself was refused (nothing read)

    @property
    def has_errors(self):
        return bool(self.errors) or any(row.errors for row in self.rows)

    @property
    def error_count(self):
        return len(self.errors) + sum(len(row.errors) for row in self.rows)

    def count(self, outcome):
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self):
        return {outcome.value: self.count(outcome) for outcome in Outcome}

    @property
    def has_changes(self):
        changing = (Outcome.CREATED, Outcome.UPDATED, Outcome.STALE)
        return any(row.outcome in changing for row in self.rows)

    @property
    def stale_rows(self):
        return [row for row in self.rows if row.outcome == Outcome.STALE]

    @property
    def submitted_count(self):
        return sum(1 for row in self.rows if row.submitted)

    def summary(self):
        counts = self.counts
        text = self.counted()
        if counts[Outcome.STALE]:
            text += " " + ngettext(
                "%(count)d ligne modifiée depuis l'export, refusée sauf si vous la confirmez.",
                "%(count)d lignes modifiées depuis l'export, refusées sauf si vous les confirmez.",
                counts[Outcome.STALE],
            ) % {"count": counts[Outcome.STALE]}
        if counts[Outcome.REFUSED]:
            text += " " + ngettext(
                "%(count)d ligne refusée (fiche modifiée depuis l'export) : rien n'y est écrit.",
                "%(count)d lignes refusées (fiches modifiées depuis l'export) : rien n'y est "
                "écrit.",
                counts[Outcome.REFUSED],
            ) % {"count": counts[Outcome.REFUSED]}
        return text

    def counted(self):
        counts = self.counts
        return _(
            "%(rows)s : %(created)d créée(s), %(updated)d modifiée(s), %(unchanged)d "
            "inchangée(s), %(errors)d en erreur."
        ) % {
            "rows": ngettext("%(count)d ligne", "%(count)d lignes", len(self.rows))
            % {"count": len(self.rows)},
            "created": counts[Outcome.CREATED],
            "updated": counts[Outcome.UPDATED],
            "unchanged": counts[Outcome.UNCHANGED],
            "errors": counts[Outcome.ERROR],
        }

    def conclusion(self):
        if self.has_errors:
            return ngettext(
                "%(count)d erreur : rien n'a été enregistré. Corrigez le fichier et relancez "
                "l'import.",
                "%(count)d erreurs : rien n'a été enregistré. Corrigez le fichier et relancez "
                "l'import.",
                self.error_count,
            ) % {"count": self.error_count}
        if self.applied and self.submitted_count:
            return ngettext(
                "Import terminé. %(count)d fiche est soumise à la relecture : rien n'est "
                "publié avant la décision d'un valideur.",
                "Import terminé. %(count)d fiches sont soumises à la relecture : rien n'est "
                "publié avant la décision d'un valideur.",
                self.submitted_count,
            ) % {"count": self.submitted_count}
        if self.applied:
            return _(
                "Import terminé. Les fiches créées ou modifiées sont des brouillons : rien n'est "
                "publié."
            )
        if self.dry_run:
            return _("Essai à blanc : rien n'a été enregistré.")
        if self.count(Outcome.REFUSED):
            return _(
                "Rien n'a été enregistré : les fiches à modifier l'ont été par quelqu'un "
                "d'autre depuis l'export. Exportez-les à nouveau, ou cochez « Importer quand "
                "même » lors d'un nouvel essai à blanc."
            )
        return _("Rien à enregistrer.")

    def as_text(self):
        """The report as the management command prints it."""
        lines = [str(message) for message in self.errors]
        lines += [_("Attention : %(message)s") % {"message": m} for m in self.warnings]
        for row in self.rows:
            head = f"Ligne {row.line} · {row.outcome_label} · {row.title or row.uuid or '—'}"
            if row.changed:
                head += " · " + _("colonnes : %(columns)s") % {"columns": ", ".join(row.changed)}
            lines.append(head)
            if row.stale:
                lines.append(f"    {row.stale.message} (--override {row.stale.override_value})")
            lines += [f"    {d.column} : {d.old} → {d.new}" for d in row.diffs]
            lines += [f"    {message}" for message in row.errors]
            lines += [
                "    " + _("Attention : %(message)s") % {"message": message}
                for message in row.warnings
            ]
            lines += [f"    {note}" for note in row.notes]
        lines.append(self.summary())
        lines.append(self.conclusion())
        return "\n".join(lines)
