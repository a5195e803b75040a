"""Restore a backup written by ``backup_site`` into the configured database and MEDIA_ROOT
(docs/backups.md: the restore drill)."""

from django.core.management.base import BaseCommand, CommandError

from backup.errors import BackupError
from backup.folders import restore_backup


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde de backup_site (dossier contenant manifest.json) dans la base "
        "configurée et MEDIA_ROOT, après en avoir vérifié les empreintes ; vérifie ensuite les "
        "nombres de pages, fiches, documents et images."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", metavar="DOSSIER", help="Dossier de la sauvegarde.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplacer le contenu d'une base qui n'est pas vide.",
        )

    def handle(self, *args, backup, force=False, **options):
        try:
            restore_backup(backup, force=force, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                "Restauration terminée et vérifiée. Reconstruisez l'index de recherche : "
                "manage.py update_index"
            )
        )
