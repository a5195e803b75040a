"""Compile the interface's translation catalogues without GNU gettext (core/catalogues.py)."""

from django.core.management.base import BaseCommand, CommandError

from core.catalogues import compile_catalogues, fill_source_catalogue, incomplete


class Command(BaseCommand):
    # What fixes the system check core.E002 (catalogues missing or stale) must run despite it.
    requires_system_checks = []
    help = (
        "Compile les catalogues de traduction (locale/*/LC_MESSAGES/django.po) ; --check échoue "
        "s'il reste des chaînes non traduites ou floues."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Tout recompiler.")
        parser.add_argument(
            "--fill-source",
            metavar="LANGUE",
            help="Traduire chaque chaîne du catalogue de la langue source par elle-même (fr).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Échouer si un catalogue a des chaînes non traduites ou floues.",
        )

    def handle(self, *args, force=False, check=False, fill_source=None, **options):
        if fill_source:
            fill_source_catalogue(fill_source)
        for path in compile_catalogues(force=force):
            self.stdout.write(f"Compilé : {path}")
        if check:
            problems = incomplete()
            if problems:
                raise CommandError(
                    "Catalogues incomplets : "
                    + " ; ".join(f"{name} ({problem})" for name, problem in problems.items())
                )
            self.stdout.write("Catalogues complets.")
