"""E-mail alerts: a visitor's saved search or questionnaire answers, and what was sent.

What is stored, and for how long (also said on the personal-data page):

- ``Alert``: the e-mail address (as typed, and its mailbox, ``recipient``, to count the
  alerts of one mailbox), the site and the guide, the saved criteria (a query string), the
  frequency, the language of the e-mails, a random key and the dates (created, confirmed,
  fiches seen up to). No name, no IP address, no account. An unconfirmed alert is
  deleted by ``send_alerts`` once its confirmation link has expired (``CONFIRMATION_DAYS``); a
  confirmed one lives until its subscriber unsubscribes (one click in every e-mail), which
  deletes the row and its deliveries.
- ``AlertDelivery``: one row per alert and period (a day, an ISO week), what makes sending
  idempotent (see ``alerts.sending``). Deleted with its alert.

The address is used for the alert's e-mails and nothing else.
"""

import datetime
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.sites import default_site

CONFIRMATION_DAYS = 7
MAX_QUERY_LENGTH = 1000


class AlertQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)

    def expired(self, now=None):
        """Unconfirmed alerts whose confirmation link has expired."""
        now = now or timezone.now()
        return self.pending().filter(
            created_at__lt=now - datetime.timedelta(days=CONFIRMATION_DAYS)
        )


def new_key():
    return secrets.token_urlsafe(24)


def recipient_key(email):
    """The mailbox an address reaches, for counting alerts per mailbox: ``Victime+12@Exemple.fr``
    and ``victime@exemple.fr`` are one (lower case; the sub-address, from the first ``+`` of the
    local part, dropped), so that tags cannot multiply a mailbox's confirmation e-mails.
    E-mails still go to the address as typed."""
    local, at, domain = email.strip().rpartition("@")
    if not at:
        return email.strip().lower()
    return f"{local.split('+', 1)[0]}@{domain}".lower()


class Alert(models.Model):
    class Kind(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", _("Questionnaire « Quelles aides pour mon projet ? »")
        SEARCH = "recherche", _("Recherche dans le guide")

    class Frequency(models.TextChoices):
        DAILY = "quotidienne", _("Chaque jour")
        WEEKLY = "hebdomadaire", _("Chaque semaine")

    email = models.EmailField(_("adresse e-mail"))
    # ``recipient_key(email)``, set on every save: what the subscription limits count.
    recipient = models.CharField(_("boîte aux lettres"), max_length=254, default="", editable=False)
    # The site the alert was subscribed on (its host): its e-mails link there, and only that
    # site's fiches are matched. Empty for the alerts subscribed before there were several
    # sites: those belong to the default site (``alert_site``).
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    index = models.ForeignKey(
        "guide.AidIndexPage",
        verbose_name=_("guide"),
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    query = models.CharField(_("critères"), max_length=MAX_QUERY_LENGTH, blank=True)
    frequency = models.CharField(
        _("fréquence"), max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    language = models.CharField(_("langue"), max_length=10)
    # The links carry this key signed with SECRET_KEY (``alerts.tokens``): the key alone, as a
    # database dump would show it, opens nothing.
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    # Fiches published after this moment are "new or changed" for the next digest.
    seen_until = models.DateTimeField(_("fiches vues jusqu'au"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["email"]),
            models.Index(fields=["recipient"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"{masked_email(self.email)} – {self.get_kind_display()}"

    def save(self, *args, update_fields=None, **kwargs):
        self.recipient = recipient_key(self.email)
        if update_fields is not None and "email" in update_fields:
            update_fields = {*update_fields, "recipient"}
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def confirmation_expired(self, now=None):
        now = now or timezone.now()
        return not self.is_confirmed and self.created_at < now - datetime.timedelta(
            days=CONFIRMATION_DAYS
        )

    @property
    def masked_email(self):
        return masked_email(self.email)

    def alert_site(self):
        """The alert's site; the default site for an alert subscribed before sites were
        recorded (None only where there is no site at all)."""
        if self.site_id is not None:
            return self.site
        return default_site()


def masked_email(email):
    """``c***@exemple.fr``: enough for the team to recognise a request, not to copy it."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


class AlertDelivery(models.Model):
    class Status(models.TextChoices):
        SENDING = "envoi", _("En cours d'envoi")
        SENT = "envoyee", _("Envoyée")
        EMPTY = "vide", _("Rien de nouveau")
        FAILED = "echec", _("Échec")

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    # "2026-12-03" for a daily alert, "2026-W49" for a weekly one.
    period = models.CharField(_("période"), max_length=10)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices)
    fiche_count = models.PositiveIntegerField(_("fiches"), default=0)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("envoi d'alerte")
        verbose_name_plural = _("envois d'alertes")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "period"], name="alerts_one_delivery_per_period"
            )
        ]

    def __str__(self):
        return f"{self.alert_id} {self.period} {self.status}"
