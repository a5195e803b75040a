"""The subscription's work that depends on the address, done by the task backend (django-tasks,
the ``TASKS`` setting) rather than by the request: checking the mailbox's limits, creating the
alert and sending its confirmation e-mail.

The request only validates the form, applies the limits that say nothing about the address (per
client, for the whole site: ``alerts.limits``) and enqueues ``subscribe``: its answer, its work
and its duration are the same whether the address is new, already subscribed or over its
limits. With a backend that runs tasks in a worker, the e-mail leaves after the answer; with
Django's immediate backend (the tests, and the default when ``TASKS`` names none) the task runs
during the request, as the e-mail did before.
"""

from django_tasks import task
from wagtail.models import Site

from alerts.emails import send_confirmation
from alerts.limits import hourly_cap_reached, may_subscribe
from alerts.models import Alert
from guide.models import AidIndexPage


@task()
def subscribe(*, email, site_id, index_id, kind, query, frequency, language):
    """Create the alert and send its confirmation, unless the mailbox has enough alerts or the
    site sent its hourly share of confirmations (then nothing, silently: the visitor was told
    to check their mailbox, whatever happens here). ``email`` as typed: the e-mail goes there."""
    if not may_subscribe(email) or hourly_cap_reached():
        return
    index = AidIndexPage.objects.filter(pk=index_id).first()
    if index is None:  # the guide was deleted since the form was posted
        return
    alert = Alert.objects.create(
        email=email,
        site=Site.objects.filter(pk=site_id).first() if site_id else None,
        index=index,
        kind=kind,
        query=query,
        frequency=frequency,
        language=language,
    )
    send_confirmation(alert)
