"""The computed status of a fiche: one pure function, the matching database filters, and the
status filters every selection of fiches offers.

A fiche is open on its closing date (the date is the last day to apply) and closes the day after.
"Ferme bientôt" starts ``GUIDE_CLOSING_SOON_DAYS`` (30) days before the closing date, inclusive.
A manual state ("enveloppe épuisée", "suspendu") closes a fiche whatever its dates.
Nobody has to act on closing day: the status is computed from the date when it is read.

Two words, two concepts:

- a fiche's **status** (``Status``): one of four codes, what a fiche is today (the API's
  ``statut.code``);
- a **status filter** (``StatusFilter``): what a visitor asks for, the listing's ``statut``
  parameter (also the API's, the embeds', the calendars', the admin's export): « ouvert » is
  every fiche one can apply to (open *or* closing soon), « bientot » those closing soon, « tous »
  every one. Partners' links carry these values: never rename them.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    UPCOMING = "a_venir", _("À venir")
    OPEN = "ouvert", _("Ouvert")
    CLOSING_SOON = "ferme_bientot", _("Ferme bientôt")
    CLOSED = "cloture", _("Clôturé")


class ManualState(models.TextChoices):
    NORMAL = "", _("Selon les dates")
    EXHAUSTED = "epuisee", _("Enveloppe épuisée")
    SUSPENDED = "suspendu", _("Suspendu")


class ClosedReason(models.TextChoices):
    DATE = "date", _("Date de clôture passée")
    EXHAUSTED = "epuisee", _("Enveloppe épuisée")
    SUSPENDED = "suspendu", _("Suspendu")


def closing_soon_days():
    return getattr(settings, "GUIDE_CLOSING_SOON_DAYS", 30)


def today():
    """Today in the site's time zone (Europe/Paris), not UTC."""
    return timezone.localdate()


@dataclass(frozen=True)
class AidStatus:
    code: Status
    closed_reason: ClosedReason | None = None
    days_left: int | None = None

    @property
    def is_open(self):
        return self.code in (Status.OPEN, Status.CLOSING_SOON)

    @property
    def label(self):
        if self.closed_reason in (ClosedReason.EXHAUSTED, ClosedReason.SUSPENDED):
            return self.closed_reason.label
        return self.code.label


def days_left(closing_date, on=None):
    """Days from ``on`` (today) to the closing date: 0 on closing day, negative once closed;
    None without a closing date."""
    return (closing_date - (on or today())).days if closing_date else None


def compute_status(opening_date, closing_date, manual_state="", on=None) -> AidStatus:
    on = on or today()
    if manual_state == ManualState.EXHAUSTED:
        return AidStatus(Status.CLOSED, ClosedReason.EXHAUSTED)
    if manual_state == ManualState.SUSPENDED:
        return AidStatus(Status.CLOSED, ClosedReason.SUSPENDED)
    left = days_left(closing_date, on)
    if left is not None and left < 0:
        return AidStatus(Status.CLOSED, ClosedReason.DATE, left)
    if opening_date and opening_date > on:
        return AidStatus(Status.UPCOMING, None, left)
    if left is not None and left <= closing_soon_days():
        return AidStatus(Status.CLOSING_SOON, None, left)
    return AidStatus(Status.OPEN, None, left)


def status_q(status, on=None) -> Q:
    """A filter selecting the fiches whose ``compute_status(...).code`` is ``status`` on ``on``.

    Kept next to ``compute_status`` and tested against it on every boundary date.
    """
    on = on or today()
    normal = Q(manual_state=ManualState.NORMAL)
    not_closed_by_date = Q(closing_date__isnull=True) | Q(closing_date__gte=on)
    started = Q(opening_date__isnull=True) | Q(opening_date__lte=on)
    soon_limit = on + datetime.timedelta(days=closing_soon_days())
    if status == Status.CLOSED:
        return ~normal | Q(closing_date__lt=on)
    if status == Status.UPCOMING:
        return normal & not_closed_by_date & Q(opening_date__gt=on)
    if status == Status.CLOSING_SOON:
        return normal & started & Q(closing_date__gte=on, closing_date__lte=soon_limit)
    if status == Status.OPEN:
        return normal & started & (Q(closing_date__isnull=True) | Q(closing_date__gt=soon_limit))
    raise ValueError(f"Unknown status: {status!r}")


def is_open_q(on=None) -> Q:
    """Fiches a business owner can apply to today (open or closing soon)."""
    return status_q(Status.OPEN, on) | status_q(Status.CLOSING_SOON, on)


class StatusFilter(models.TextChoices):
    """The values of the ``statut`` parameter (see the module's docstring); labels:
    ``status_filter_choices``."""

    OPEN = "ouvert", _("Ouvertes (y compris bientôt closes)")
    CLOSING_SOON = "bientot", _("Ferment bientôt")
    UPCOMING = "a_venir", _("À venir")
    CLOSED = "cloture", _("Clôturées")
    ALL = "tous", _("Toutes")


# The statuses each filter selects.
FILTERED_STATUSES = {
    StatusFilter.OPEN: (Status.OPEN, Status.CLOSING_SOON),
    StatusFilter.CLOSING_SOON: (Status.CLOSING_SOON,),
    StatusFilter.UPCOMING: (Status.UPCOMING,),
    StatusFilter.CLOSED: (Status.CLOSED,),
    StatusFilter.ALL: tuple(Status),
}


def status_filter_q(value, on=None) -> Q:
    """A filter on fiches for a ``StatusFilter`` value."""
    if value == StatusFilter.ALL:
        return Q()
    condition = Q(pk__in=[])
    for status in FILTERED_STATUSES[StatusFilter(value)]:
        condition |= status_q(status, on)
    return condition


def closing_soon_label():
    """« Ferment dans les 30 jours », with the days of ``GUIDE_CLOSING_SOON_DAYS``."""
    return gettext("Ferment dans les %(days)d jours") % {"days": closing_soon_days()}


def status_filter_choices():
    """[(value, label)] of the status filters, in the order the listing shows them."""
    return [
        (value, closing_soon_label() if value == StatusFilter.CLOSING_SOON else label)
        for value, label in StatusFilter.choices
    ]
