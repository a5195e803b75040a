"""Helpers shared by the feed and calendar tests (tests/feeds/)."""

import datetime

import feedparser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from guide.models import AidPage, AidType
from tests.conftest import DEMO_DAY
from tests.support.factories import AidPageFactory, FinancialComponentFactory

ON = DEMO_DAY
HOST = "localhost"  # the default Wagtail site's host name in the tests

NEWS = "flux/nouveautes/"
CLOSING = "flux/fermeture/"
CALENDAR = "calendrier/"
DEADLINE = "echeance/"


def day(offset):
    return ON + datetime.timedelta(days=offset)


def published(index, title, components=(), **kwargs):
    """A fiche published through a revision, as an editor does (it then has publication dates).

    ``components``: (aid type slug, amount) pairs of financial components.
    """
    page = AidPageFactory(parent=index, title=title, **kwargs)
    for slug, amount in components:
        FinancialComponentFactory(page=page, aid_type=AidType.objects.get(slug=slug), amount=amount)
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def republish(fiche, **changes):
    for name, value in changes.items():
        setattr(fiche, name, value)
    fiche.save_revision().publish()
    return AidPage.objects.get(pk=fiche.pk)


def set_published_at(fiche, moment):
    AidPage.objects.filter(pk=fiche.pk).update(last_published_at=moment)


def make_private(fiche):
    PageViewRestriction.objects.create(
        page=fiche, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def atom(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed, response


def ics(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content), response


def events(calendar):
    return calendar.walk("VEVENT")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def plain(text):
    """Text with its narrow and no-break spaces as plain spaces."""
    return str(text).replace("\u202f", " ").replace("\xa0", " ")
