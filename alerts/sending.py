"""Which alerts are due, and sending each digest at most once per period.

**Idempotence: at most once.** Each digest belongs to a period, the day (daily alerts) or the
ISO week (weekly alerts), and ``AlertDelivery`` has one row per alert and period (a unique
constraint). For each due alert the run

1. computes the matching fiches and builds the e-mail (nothing recorded yet: an error here
   leaves the alert as it was, the next run tries again);
2. records the delivery, status "envoi", and moves the alert's cutoff to the run's time, in one
   transaction of its own, committed before anything is sent (a concurrent run hits the unique
   constraint and skips the alert);
3. sends the e-mail;
4. marks the delivery "envoyée".

A crash (process killed, server down) between 2 and 4 leaves a row "envoi": that period is
never sent again, even if the e-mail did not go out; re-running the command the same day, or
the same week, sends nothing twice. We chose *at most once* over *at least once*: a missed
digest loses nothing for good (the fiches stay in the guide, the saved result shows them),
while a duplicate e-mail is what makes people mark a sender as spam. The command lists such
interrupted deliveries so that the team can check the mail server's log. When the mail backend
raises an error (the message was refused, so not sent) the delivery is marked "échec" and
the cutoff goes back, so the next period's digest includes those fiches.

When nothing matches, no e-mail is sent, but a delivery "vide" is recorded and the cutoff moves
all the same: the next digest only holds what is new since.

**When.** Run once a day (cron, systemd timer). A daily alert is due every day. A weekly alert is
due on ``WEEKLY_DAY`` (Monday), or on any day when 7 days have passed since its last delivery
(or its confirmation): a Monday missed by the cron is caught up the next day, and the ISO
week's period keeps it to one e-mail a week.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation

from alerts.emails import digest_message
from alerts.matching import matching_fiches
from alerts.models import Alert, AlertDelivery

logger = logging.getLogger(__name__)

WEEKLY_DAY = 0  # Monday
DELIVERY_RETENTION_DAYS = 35


def period_key(frequency, day):
    if frequency == Alert.Frequency.DAILY:
        return day.isoformat()
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def is_due(alert, day, last_delivery=None):
    """``last_delivery``: when the alert's last delivery was recorded (an aware datetime)."""
    if alert.frequency == Alert.Frequency.DAILY or day.weekday() == WEEKLY_DAY:
        return True
    reference = last_delivery or alert.confirmed_at
    return (day - timezone.localdate(reference)).days >= 7


@dataclass
class Report:
    sent: list = field(default_factory=list)
    empty: int = 0
    skipped: int = 0
    failed: list = field(default_factory=list)
    interrupted: list = field(default_factory=list)
    expired_deleted: int = 0


def due_alerts(day, frequency=None):
    alerts = (
        Alert.objects.confirmed()
        .select_related("index", "index__locale", "site__root_page")
        .annotate(last_delivery=Max("deliveries__created_at"))
        .order_by("pk")
    )
    if frequency:
        alerts = alerts.filter(frequency=frequency)
    return [alert for alert in alerts if is_due(alert, day, alert.last_delivery)]


def mark_sent(delivery):
    AlertDelivery.objects.filter(pk=delivery.pk).update(
        status=AlertDelivery.Status.SENT, sent_at=timezone.now()
    )


def send_alert(alert, now, day):
    """Send ``alert``'s digest for the period of ``day``, at most once. Returns the delivery's
    status, or None when the period was already handled."""
    period = period_key(alert.frequency, day)
    if AlertDelivery.objects.filter(alert=alert, period=period).exists():
        return None
    since = alert.seen_until or alert.confirmed_at
    with translation.override(alert.language):
        changes = matching_fiches(alert, since, now, day)
        message = digest_message(alert, changes) if changes else None
    status = AlertDelivery.Status.SENDING if changes else AlertDelivery.Status.EMPTY
    try:
        with transaction.atomic():
            delivery = AlertDelivery.objects.create(
                alert=alert, period=period, status=status, fiche_count=len(changes), created_at=now
            )
            Alert.objects.filter(pk=alert.pk).update(seen_until=now)
    except IntegrityError:  # another run recorded this period meanwhile
        return None
    if message is None:
        return status
    try:
        message.send()
    except Exception:
        logger.exception("Alert %s: the digest for %s could not be sent", alert.pk, period)
        AlertDelivery.objects.filter(pk=delivery.pk).update(status=AlertDelivery.Status.FAILED)
        Alert.objects.filter(pk=alert.pk).update(seen_until=since)
        return AlertDelivery.Status.FAILED
    mark_sent(delivery)
    return AlertDelivery.Status.SENT


def send_due_alerts(now=None, frequency=None):
    """The whole run: purge, then every due alert's digest. ``now``: the run's time."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    report = Report()
    report.expired_deleted = Alert.objects.expired(now).delete()[1].get("alerts.Alert", 0)
    AlertDelivery.objects.filter(
        created_at__lt=now - datetime.timedelta(days=DELIVERY_RETENTION_DAYS)
    ).delete()
    for alert in due_alerts(day, frequency):
        status = send_alert(alert, now, day)
        if status is None:
            report.skipped += 1
        elif status == AlertDelivery.Status.SENT:
            report.sent.append(alert)
        elif status == AlertDelivery.Status.EMPTY:
            report.empty += 1
        else:
            report.failed.append(alert)
    report.interrupted = list(
        AlertDelivery.objects.filter(status=AlertDelivery.Status.SENDING).select_related("alert")
    )
    return report
