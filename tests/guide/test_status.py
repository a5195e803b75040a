"""The computed status on every boundary date, and the database filters that must agree."""

import datetime

import pytest

from guide.models import AidPage
from guide.status import ClosedReason, Status, compute_status, is_open_q, status_q
from tests.support.factories import AidPageFactory

ON = datetime.date(2026, 11, 22)


def day(offset):
    return ON + datetime.timedelta(days=offset)


@pytest.mark.parametrize(
    ("opening", "closing", "state", "expected", "days_left"),
    [
        # No dates at all: open (a permanent aid).
        (None, None, "", Status.OPEN, None),
        # Closing date: the last day is still open, the day after is closed.
        (None, day(0), "", Status.CLOSING_SOON, 0),
        (None, day(-1), "", Status.CLOSED, -1),
        # "Ferme bientôt" covers 30 days inclusive.
        (None, day(30), "", Status.CLOSING_SOON, 30),
        (None, day(31), "", Status.OPEN, 31),
        (None, day(1), "", Status.CLOSING_SOON, 1),
        # Opening date: upcoming until the day before, open on the day.
        (day(1), day(90), "", Status.UPCOMING, 90),
        (day(0), day(90), "", Status.OPEN, 90),
        (day(-10), None, "", Status.OPEN, None),
        # Upcoming and closing soon at once: upcoming wins (nobody can apply yet).
        (day(5), day(20), "", Status.UPCOMING, 20),
        # Manual states close a fiche whatever its dates.
        (None, day(200), "epuisee", Status.CLOSED, None),
        (day(-5), None, "suspendu", Status.CLOSED, None),
    ],
)
def test_compute_status_boundaries(opening, closing, state, expected, days_left):
    status = compute_status(opening, closing, state, on=ON)
    assert status.code == expected
    assert status.days_left == days_left


def test_closed_reasons_and_labels():
    assert compute_status(None, day(-1), on=ON).closed_reason == ClosedReason.DATE
    exhausted = compute_status(None, None, "epuisee", on=ON)
    assert exhausted.closed_reason == ClosedReason.EXHAUSTED
    assert exhausted.label == "Enveloppe épuisée"
    assert compute_status(None, None, "suspendu", on=ON).label == "Suspendu"
    assert compute_status(None, day(3), on=ON).label == "Ferme bientôt"
    assert compute_status(None, day(3), on=ON).is_open
    assert not compute_status(day(3), None, on=ON).is_open


def test_closing_soon_window_follows_the_setting(settings):
    settings.GUIDE_CLOSING_SOON_DAYS = 7
    assert compute_status(None, day(7), on=ON).code == Status.CLOSING_SOON
    assert compute_status(None, day(8), on=ON).code == Status.OPEN


@pytest.mark.django_db
def test_database_filters_agree_with_the_pure_function(guide_index):
    """Every combination of dates around the boundaries, filtered in SQL and computed in Python."""
    cases = []
    for opening in (None, day(-1), day(0), day(1)):
        for closing in (None, day(-1), day(0), day(1), day(30), day(31)):
            for state in ("", "epuisee", "suspendu"):
                if opening and closing and closing < opening:
                    continue
                cases.append((opening, closing, state))
    for opening, closing, state in cases:
        AidPageFactory(
            parent=guide_index,
            opening_date=opening,
            closing_date=closing,
            manual_state=state,
            with_contact=False,
        )
    pages = list(AidPage.objects.all())
    assert len(pages) == len(cases)
    for status in Status:
        in_sql = set(AidPage.objects.filter(status_q(status, on=ON)).values_list("pk", flat=True))
        in_python = {
            p.pk
            for p in pages
            if compute_status(p.opening_date, p.closing_date, p.manual_state, on=ON).code == status
        }
        assert in_sql == in_python, status
    open_pks = set(AidPage.objects.filter(is_open_q(on=ON)).values_list("pk", flat=True))
    assert open_pks == {
        p.pk
        for p in pages
        if compute_status(p.opening_date, p.closing_date, p.manual_state, on=ON).is_open
    }


def test_an_unknown_status_is_an_error():
    with pytest.raises(ValueError):
        status_q("nope", on=ON)
