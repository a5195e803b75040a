"""Write the guide's open data to a folder, for publication on data.gouv.fr."""

import json
import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.sites import default_site
from opendata.contacts import contacts_schema
from opendata.export import (
    CONTACTS_CSV,
    CONTACTS_RESOURCE,
    EXPORT_LANGUAGE,
    NATIONAL_CSV,
    NATIONAL_RESOURCE,
    PACKAGE_JSON,
    build_dataset,
    data_package,
    render_files,
    site_for_hostname,
)
from opendata.schema import SCHEMA_FILE, national_schema

DESCRIPTOR = "datapackage.json"
MAX_REPORTED_ERRORS = 20


class Command(BaseCommand):
    help = (
        "Write the open data of one site's guide (published, public, French fiches; the default "
        "site unless --site names another) to a folder: dispositifs-aide.csv in the national "
        "schema, contacts-dispositifs-aide.csv, dispositifs-aide.json (data package, data "
        "inline) and datapackage.json describing the two CSV files with a copy of the national "
        "schema. --validate checks them with frictionless (a test dependency) and fails on any "
        "error."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, help="Folder to write to (created if needed)."
        )
        parser.add_argument(
            "--site",
            metavar="HOSTNAME",
            help=(
                "The site whose fiches are exported, by its host name (fonds13.example, or "
                "fonds13.example:8000 where sites share a host name). Default: the default site."
            ),
        )
        parser.add_argument(
            "--validate",
            action="store_true",
            help="Validate the files against the national schema with frictionless.",
        )

    def handle(self, *args, output, validate, site=None, **options):
        if site:
            hostname, site = site, site_for_hostname(site)
            if site is None:
                raise CommandError(f"Aucun site ne porte le nom d'hôte « {hostname} ».")
        else:
            site = default_site()
            if site is None:
                raise CommandError("Aucun site par défaut : rien à exporter.")
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)

        dataset = build_dataset(site)
        files = render_files(dataset)
        for data_file in (NATIONAL_CSV, PACKAGE_JSON, CONTACTS_CSV):
            (folder / data_file.filename).write_bytes(files.contents[data_file.key])
        shutil.copyfile(SCHEMA_FILE, folder / SCHEMA_FILE.name)
        with translation.override(EXPORT_LANGUAGE):
            descriptor = file_package(dataset)
        (folder / DESCRIPTOR).write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        self.stdout.write(
            f"{files.count} fiche(s) et {files.contact_count} contact(s) publiable(s) exportés "
            f"dans {folder}."
        )
        if validate:
            self.validate(folder)

    def validate(self, folder):
        try:
            from frictionless import Package
        except ImportError as error:
            raise CommandError(
                "La validation demande le paquet « frictionless », une dépendance de test : "
                "pip install -e '.[test]'."
            ) from error
        # The descriptor's national schema is the local copy written next to it: offline.
        package = Package(str(folder / DESCRIPTOR))
        report = package.validate()
        errors = report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
        if errors:
            for resource, row, field_name, kind, note in errors[:MAX_REPORTED_ERRORS]:
                where = ", ".join(
                    part
                    for part in (
                        resource,
                        f"ligne {row}" if row else "",
                        f"champ {field_name}" if field_name else "",
                    )
                    if part
                )
                self.stderr.write(f"{where} : {kind} – {note}")
            raise CommandError(
                f"{len(errors)} erreur(s) de validation avec le schéma national "
                f"{national_schema()['version']}."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Fichiers valides (schéma national {national_schema()['version']}, frictionless)."
            )
        )


def file_package(dataset):
    """The data package of the written CSV files: same metadata as the JSON, the data by path,
    the national schema by the copy written beside it (so ``frictionless validate`` works
    offline; the published schema's address is in the JSON)."""
    package = data_package(dataset)
    resources = {
        NATIONAL_RESOURCE: {
            "path": NATIONAL_CSV.filename,
            "schema": SCHEMA_FILE.name,
        },
        CONTACTS_RESOURCE: {
            "path": CONTACTS_CSV.filename,
            "schema": contacts_schema(),
        },
    }
    for resource in package["resources"]:
        del resource["data"]
        resource.update(
            resources[resource["name"]],
            format="csv",
            mediatype="text/csv",
            encoding="utf-8",
        )
    return package
