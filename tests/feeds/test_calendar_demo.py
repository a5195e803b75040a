"""The demo guide's calendars: they list what its listing lists, with the guide's referral note
(the demo guide's part of tests/feeds/test_calendar.py)."""

import pytest

from guide.models import AidPage
from tests.feeds.test_calendar import uids
from tests.support.feeds import (
    CALENDAR,
    HOST,
    ON,
    events,
    ics,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    """The day the statuses are read on, as in tests/feeds/test_calendar.py."""
    monkeypatch.setattr("guide.status.today", lambda: ON)


@pytest.mark.parametrize(
    "query",
    ["?type=pret&statut=tous", "?commune=vitry-sur-seine", "?q=recrutement&statut=tous", ""],
)
def test_the_calendar_lists_what_the_demo_listing_lists(client, demo_guide, monkeypatch, query):
    """Same parameters, same fiches (those with a closing date) as the listing page."""
    monkeypatch.setattr("guide.listing.search.today", lambda: ON)  # the listing's own clock
    listing = client.get(demo_guide.url + query).context["outcome"].results
    expected = {f"{fiche.aid_uuid}-cloture@{HOST}" for fiche in listing[:100] if fiche.closing_date}
    calendar, _ = ics(client, demo_guide.url + CALENDAR + query)
    assert expected
    assert set(uids(calendar)) == expected


def test_demo_events_carry_the_guide_referral_note(client, demo_guide):
    calendar, _ = ics(client, demo_guide.url + CALENDAR + "?statut=tous")
    # The French guide's fiches: the English fiches of the demo are in the English guide's.
    french = AidPage.objects.live().child_of(demo_guide)
    assert len(events(calendar)) == french.filter(closing_date__isnull=False).count()
    for event in events(calendar):
        assert "« À contacter de la part du Grand-Orly Seine Bièvre » – " in str(
            event["DESCRIPTION"]
        ), event["SUMMARY"]
