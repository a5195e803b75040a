"""The guide's daily run (cron, every morning): scheduled publishing, search index, digest.

    manage.py guide_daily [--dry-run] [--on YYYY-MM-DD]

1. Wagtail's scheduled publishing and unpublishing (``publish_scheduled``).
2. Re-indexes the fiches whose status changes on that day (see ``fiches_changing_status``).
3. Sends each site's digest (``reports.digest``: that site's fiches) to its settings'
   address and to the active Valideurs and Administrateurs; nothing is sent for a site with
   nothing to report.

``--dry-run`` changes and sends nothing: it lists the scheduled changes, the fiches it would
re-index and prints the digest. ``--on`` computes the sets and the status changes for another
day (scheduled publishing always uses the current time).
"""

import argparse
import datetime

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site
from wagtail.search.index import insert_or_update_object

from core import page_cache
from guide import status
from guide.models import AidPage, GuideSettings
from reports.attention import attention_settings
from reports.digest import build_digest, digest_recipients, send_digest


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"date attendue au format AAAA-MM-JJ : {value!r}"
        ) from error


def fiches_changing_status(on):
    """Fiches (every locale, live or not) whose computed status changes on ``on``: opening today,
    entering "ferme bientôt" today, or closed since today (closing date yesterday).

    Why re-index them at all: the search index stores what ``AidPage.search_fields`` declares,
    the dates and the manual state as filter fields, never the computed status, and the listing
    applies the status filters in SQL. The passing of a date therefore leaves nothing stale, and
    every ``save()`` (editors, scheduled publishing, wagtail-localize syncs) re-indexes through
    Wagtail's signal. What can leave an entry stale is a write that bypasses ``save()`` (a
    ``QuerySet.update()``, a bulk import) or an indexing error an external backend swallowed
    (``catch_indexing_errors``). Re-indexing the few fiches that change state today costs a
    handful of rows and makes sure the ones whose status visitors see change are fresh in any
    backend (Elasticsearch keeps filter values in its documents). A bulk change still needs
    ``update_index``.
    """
    return AidPage.objects.filter(
        Q(opening_date=on)
        | Q(closing_date=on + datetime.timedelta(days=status.closing_soon_days()))
        | Q(closing_date=on - datetime.timedelta(days=1))
    ).order_by("pk")


class Command(BaseCommand):
    help = (
        "Tâches quotidiennes du guide : publication programmée, index de recherche des fiches "
        "qui changent de statut, récapitulatif envoyé à l'équipe."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="N'envoie et ne modifie rien : affiche le récapitulatif.",
        )
        parser.add_argument(
            "--on",
            type=iso_date,
            help="Jour à traiter, au format AAAA-MM-JJ (par défaut : aujourd'hui).",
        )

    def handle(self, *args, dry_run=False, on=None, **options):
        on = on or status.today()
        with translation.override(settings.LANGUAGE_CODE):
            self.publish_scheduled(dry_run)
            self.reindex(on, dry_run)
            self.digest(on, dry_run)

    def publish_scheduled(self, dry_run):
        call_command("publish_scheduled", dryrun=dry_run, stdout=self.stdout, stderr=self.stderr)
        if not dry_run:
            self.stdout.write(gettext("Publications et dépublications programmées : effectuées."))

    def reindex(self, on, dry_run):
        fiches = list(fiches_changing_status(on))
        if dry_run:
            self.stdout.write(
                gettext("Index de recherche : %(count)d fiche(s) à réindexer.")
                % {"count": len(fiches)}
            )
            for fiche in fiches:
                self.stdout.write(f"  - {fiche.title} ({fiche.locale.language_code})")
            return
        for fiche in fiches:
            insert_or_update_object(fiche)
        # Statuses and "ferme dans N jours" change with the date: cached pages are renewed.
        page_cache.invalidate()
        done = gettext("Index de recherche : %(count)d fiche(s) réindexée(s).")
        self.stdout.write(done % {"count": len(fiches)})

    def digest(self, on, dry_run):
        """One digest per site, of its own fiches, to its own team address (and to the
        Valideurs and Administrateurs, whose roles cover every guide)."""
        sites = list(Site.objects.select_related("root_page").order_by("-is_default_site", "pk"))
        if not sites:
            self.site_digest(on, None, attention_settings(), dry_run)
        for site in sites:
            if len(sites) > 1:
                self.stdout.write(f"{site.site_name or site.hostname} ({site.hostname}) :")
            self.site_digest(on, site, GuideSettings.of_site(site), dry_run)

    def site_digest(self, on, site, guide_settings, dry_run):
        digest = build_digest(on, guide_settings, site=site)
        if digest.is_empty:
            self.stdout.write(gettext("Récapitulatif : rien à signaler, aucun e-mail envoyé."))
            return
        recipients = digest_recipients(guide_settings)
        if dry_run:
            self.stdout.write(gettext("Objet : %(subject)s") % {"subject": digest.subject})
            self.stdout.write(
                gettext("Destinataires : %(recipients)s")
                % {"recipients": ", ".join(recipients) or gettext("(aucun)")}
            )
            self.stdout.write(digest.render_text())
            self.stdout.write(gettext("Essai (--dry-run) : aucun e-mail envoyé."))
            return
        if not recipients:
            self.stderr.write(
                gettext(
                    "Récapitulatif non envoyé : aucun destinataire (renseignez l'adresse du "
                    "récapitulatif dans les paramètres du guide, ou ajoutez une adresse e-mail "
                    "aux valideurs et administrateurs)."
                )
            )
            return
        send_digest(digest, recipients)
        self.stdout.write(
            gettext("Récapitulatif envoyé à %(count)d destinataire(s) : %(recipients)s.")
            % {"count": len(recipients), "recipients": ", ".join(recipients)}
        )
