"""Export the guide's fiches to an XLSX or CSV file in the documented column format."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from guide.models import AidType
from guide.status import StatusFilter
from transfer.export import Export, export_filename, filtered_fiches


class Command(BaseCommand):
    help = (
        "Export the French fiches (latest content, unpublished changes included) to XLSX or CSV "
        "in the column format of docs/import-export.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            help="File to write (.xlsx or .csv). Default: fiches-guide-des-aides-<date>.xlsx.",
        )
        parser.add_argument(
            "--status",
            choices=StatusFilter.values,
            default=StatusFilter.ALL,
            help="Only the fiches with this status, as the public listing's statut filter.",
        )
        parser.add_argument(
            "--type", dest="aid_type", help="Only the fiches of this aid type slug."
        )

    def handle(self, *args, output, status, aid_type, **options):
        path = Path(output or export_filename("xlsx"))
        extension = path.suffix.lower().lstrip(".")
        if extension not in ("xlsx", "csv"):
            raise CommandError("The output file must end in .xlsx or .csv.")
        chosen_type = None
        if aid_type:
            chosen_type = AidType.objects.filter(slug=aid_type).first()
            if chosen_type is None:
                slugs = ", ".join(AidType.objects.values_list("slug", flat=True))
                raise CommandError(f"Unknown aid type {aid_type!r}. Known: {slugs}.")
        with translation.override("fr"):
            export = Export(filtered_fiches(status, chosen_type))
            content = export.xlsx_bytes() if extension == "xlsx" else export.csv_bytes()
        path.write_bytes(content)
        self.stdout.write(f"{len(export.items)} fiche(s) exportée(s) dans {path}.")
