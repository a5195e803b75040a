"""Import fiches from an XLSX or CSV file (the guide's format, or the national schema's CSV)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from guide.models import AidIndexPage
from transfer.importer import import_file, overrides_of


class Command(BaseCommand):
    help = (
        "Import fiches from FILE: rows become draft fiches or new revisions (never published), "
        "keyed by uuid. Prints the report row by row. Nothing is written if any row has an "
        "error (exit code 1). See docs/import-export.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx or .csv file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and print what would be created or changed; write nothing.",
        )
        parser.add_argument(
            "--national",
            action="store_true",
            help="The file is a CSV of the national schema (dispositif-aide).",
        )
        parser.add_argument(
            "--user", help="Username recorded as the author of the new pages and revisions."
        )
        parser.add_argument(
            "--submit",
            action="store_true",
            help="Submit the created and changed fiches to their guide's review as --user.",
        )
        parser.add_argument(
            "--override",
            action="append",
            default=[],
            metavar="LINE:VERSION",
            help=(
                "Import the row at LINE although its fiche changed since the export, if the "
                "fiche's latest revision is still VERSION (as the dry run prints it). Rows "
                "whose fiche changed since the export are refused otherwise."
            ),
        )
        parser.add_argument(
            "--index",
            type=int,
            help="Page id of the guide index to create fiches in (default: the first guide).",
        )

    def handle(self, *args, file, dry_run, national, user, index, submit, override, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if submit and not user:
            raise CommandError("--submit needs --user: the review is requested by a person.")
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user named {user!r}.")
        guide = None
        if index is not None:
            guide = AidIndexPage.objects.filter(pk=index).first()
            if guide is None:
                raise CommandError(f"No guide index page with id {index}.")
        report = import_file(
            path.read_bytes(),
            path.name,
            national=national,
            user=author,
            index=guide,
            dry_run=dry_run,
            overrides=overrides_of(override),
            submit=submit,
        )
        self.stdout.write(report.as_text())
        if report.has_errors:
            raise CommandError(report.conclusion())
