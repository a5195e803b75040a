"""Send the e-mail alerts' digests that are due (cron or systemd timer, once a day).

    manage.py send_alerts [--frequency quotidienne|hebdomadaire]

Deletes the unconfirmed alerts whose confirmation link has expired, then sends each due
alert's digest, at most once per day (daily alerts) or ISO week (weekly alerts): running it
again, or after a crash, sends nothing twice (``alerts.sending``).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext

from alerts.models import Alert
from alerts.sending import send_due_alerts

FREQUENCY_ALIASES = {"daily": Alert.Frequency.DAILY, "weekly": Alert.Frequency.WEEKLY}


class Command(BaseCommand):
    help = "Envoie les alertes e-mail du guide qui sont dues (une fois par jour)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=[*Alert.Frequency.values, *FREQUENCY_ALIASES],
            help="N'envoie que les alertes de cette fréquence (par défaut : toutes).",
        )

    def handle(self, *args, frequency=None, **options):
        frequency = FREQUENCY_ALIASES.get(frequency, frequency)
        report = send_due_alerts(frequency=frequency)
        with translation.override(settings.LANGUAGE_CODE):
            self.stdout.write(
                gettext(
                    "Alertes : %(sent)d e-mail(s) envoyé(s), %(empty)d sans nouveauté, "
                    "%(expired)d alerte(s) non confirmée(s) supprimée(s)."
                )
                % {
                    "sent": len(report.sent),
                    "empty": report.empty,
                    "expired": report.expired_deleted,
                }
            )
            for alert in report.failed:
                self.stderr.write(
                    gettext("Échec de l'envoi de l'alerte n° %(pk)d (voir le journal).")
                    % {"pk": alert.pk}
                )
            for delivery in report.interrupted:
                self.stderr.write(
                    gettext(
                        "Envoi interrompu de l'alerte n° %(pk)d pour %(period)s : il ne sera "
                        "pas refait (vérifiez le journal du serveur de messagerie)."
                    )
                    % {"pk": delivery.alert_id, "period": delivery.period}
                )
