"""Back up the site: the database, MEDIA_ROOT and a manifest, in one timestamped folder.

Nightly from cron, keeping 14 (docs/backups.md):
``manage.py backup_site --keep 14`` (into ``BACKUP_DIR``, default ``var/backups/``).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backup.errors import BackupError
from backup.folders import create_backup, prune_backups


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données, les médias (MEDIA_ROOT) et un manifeste dans un dossier "
        "daté, sous DOSSIER (par défaut : BACKUP_DIR)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", nargs="?", metavar="DOSSIER", help="Dossier des sauvegardes."
        )
        parser.add_argument("--output", "-o", help="Dossier des sauvegardes (comme DOSSIER).")
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="Ne garder que les N sauvegardes les plus récentes (supprime les autres).",
        )

    def handle(self, *args, directory=None, output=None, keep=None, **options):
        if directory and output and directory != output:
            raise CommandError("Donnez le dossier une seule fois (DOSSIER ou --output).")
        target = directory or output or getattr(settings, "BACKUP_DIR", None)
        if not target:
            raise CommandError("Aucun dossier : donnez DOSSIER, --output ou BACKUP_DIR.")
        if keep is not None and keep < 1:
            raise CommandError("--keep doit être au moins 1.")
        try:
            backup = create_backup(target, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite : {backup}"))
        if keep is not None:
            for old in prune_backups(target, keep):
                self.stdout.write(f"Ancienne sauvegarde supprimée : {old}")
