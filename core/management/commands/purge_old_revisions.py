"""Delete old revisions so that outdated contact details do not linger in the history.

Wraps Wagtail's ``purge_revisions``, which never deletes a page's latest revision, a scheduled
one or one under review (the published content itself lives in the page, not in a revision).
The age comes from ``GUIDE_REVISION_RETENTION_DAYS`` (default 365). Run it from cron, e.g.
weekly: ``manage.py purge_old_revisions``.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def retention_days():
    return getattr(settings, "GUIDE_REVISION_RETENTION_DAYS", 365)


class Command(BaseCommand):
    help = (
        "Supprime les révisions plus anciennes que GUIDE_REVISION_RETENTION_DAYS jours (sauf la "
        "dernière de chaque page, les programmées et celles en relecture)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Âge minimal en jours (par défaut : GUIDE_REVISION_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = days if days is not None else retention_days()
        if days < 1:
            raise CommandError("--days doit être au moins 1.")
        self.stdout.write(f"Révisions de plus de {days} jours :")
        call_command("purge_revisions", days=days, stdout=self.stdout, stderr=self.stderr)
