"""The guide's calendars of closing dates (.ics), read by the icalendar package's parser."""

import datetime

import pytest
from wagtail.models import Site

from guide.models import AidContact, AidPage, Contact, GuideSettings
from tests.support.factories import AidPageFactory, ContactFactory
from tests.support.feeds import (
    CALENDAR,
    DEADLINE,
    HOST,
    ON,
    count_queries,
    day,
    events,
    ics,
    make_private,
    plain,
    published,
    republish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("guide.status.today", lambda: ON)


def uids(calendar):
    return [str(event["UID"]) for event in events(calendar)]


def summaries(calendar):
    return {str(event["SUMMARY"]) for event in events(calendar)}


def test_the_guide_calendar_has_one_all_day_event_per_closing_date(client, guide_index):
    loan = published(
        guide_index,
        "Prêt à taux zéro",
        aid_types=["pret"],
        components=[("pret", 15000)],
        closing_date=day(45),
    )
    published(guide_index, "Subvention", closing_date=day(10))
    published(guide_index, "Permanente", recurrence="permanente")  # no date: no event
    contact = loan.contacts.get().contact
    contact.publication_consent = True  # a named person is shown only with their agreement
    contact.save()

    calendar, response = ics(client, guide_index.url + CALENDAR)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Disposition"] == 'inline; filename="echeances-aides.ics"'
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Échéances – Guide des aides Grand-Orly Seine Bièvre"
    assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=12)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"
    assert summaries(calendar) == {"Clôture : Prêt à taux zéro", "Clôture : Subvention"}
    event = next(e for e in events(calendar) if str(e["SUMMARY"]) == "Clôture : Prêt à taux zéro")
    assert str(event["UID"]) == f"{loan.aid_uuid}-cloture@{HOST}"
    # All day: a date, not a date-time; the closing date is the last day to apply.
    assert event.decoded("DTSTART") == loan.closing_date
    assert not isinstance(event.decoded("DTSTART"), datetime.datetime)
    assert event.decoded("DTEND") == loan.closing_date + datetime.timedelta(days=1)
    assert event.decoded("DTSTAMP") == loan.last_published_at.replace(microsecond=0)
    assert str(event["URL"]) == loan.full_url
    assert str(event["TRANSP"]) == "TRANSPARENT"
    description = plain(event["DESCRIPTION"])
    assert "Financez vos recrutements en CDI" in description
    assert "Prêt : 15 000 €" in description
    assert "Ouvert – date limite : 6 janvier 2027" in description
    assert f"« À contacter de la part du GOSB » – {contact.name} ({contact.organisation.name})" in (
        description
    )
    assert contact.phone_display.replace("\xa0", " ") in description
    assert contact.email in description
    assert loan.full_url in description


def test_uids_are_unique_and_stable_across_requests_and_edits(client, guide_index):
    fiches = [published(guide_index, f"Aide {n}", closing_date=day(n + 1)) for n in range(3)]
    first, response = ics(client, guide_index.url + CALENDAR)
    second, again = ics(client, guide_index.url + CALENDAR)
    assert len(set(uids(first))) == 3
    assert uids(first) == uids(second)
    assert response.content == again.content  # same bytes, hence the same ETag
    republish(fiches[0], title="Aide renommée", slug="aide-renommee")
    after, _ = ics(client, guide_index.url + CALENDAR)
    assert set(uids(after)) == set(uids(first))
    assert "Clôture : Aide renommée" in summaries(after)


def test_the_referral_note_comes_from_the_guide_settings(client, guide_index):
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.referral_note = "À contacter de la part du Grand-Orly Seine Bièvre"
    settings.save()
    fiche = published(guide_index, "Sans note", closing_date=day(20), with_contact=False)
    AidContact.objects.create(
        page=fiche, contact=ContactFactory(publication_consent=True), referral_note=""
    )
    republish(fiche)
    # A fiche without a contact line (never publishable by an editor) still carries the note.
    bare = published(guide_index, "Sans contact", closing_date=day(21), with_contact=False)

    calendar, _ = ics(client, guide_index.url + CALENDAR)
    by_title = {str(e["SUMMARY"]): plain(e["DESCRIPTION"]) for e in events(calendar)}
    assert (
        "« À contacter de la part du Grand-Orly Seine Bièvre » – Contact"
        in (by_title["Clôture : Sans note"])
    )
    assert (
        "« À contacter de la part du Grand-Orly Seine Bièvre »"
        in (by_title[f"Clôture : {bare.title}"])
    )


@pytest.fixture
def classified(guide_index):
    """Fiches whose type, territory and status tell the filters apart."""
    return {
        "vitry_loan": published(
            guide_index,
            "Prêt Vitry",
            aid_types=["pret"],
            territories=["COM-94081"],
            closing_date=day(40),
        ),
        "essonne_grant": published(
            guide_index,
            "Subvention Essonne",
            aid_types=["subvention"],
            territories=["DEP-91"],
            closing_date=day(20),
        ),
        "closed_loan": published(
            guide_index,
            "Prêt clos",
            aid_types=["pret"],
            territories=["EPCI-200058014"],
            closing_date=day(-3),
        ),
        "exhausted": published(
            guide_index,
            "Subvention épuisée",
            territories=["EPCI-200058014"],
            closing_date=day(60),
            manual_state="epuisee",
        ),
        "permanent_loan": published(
            guide_index, "Prêt permanent", aid_types=["pret"], recurrence="permanente"
        ),
    }


FILTER_CASES = [
    ("", {"Prêt Vitry", "Subvention Essonne"}),  # open fiches only, by default
    ("?type=pret", {"Prêt Vitry"}),
    ("?type=pret&statut=tous", {"Prêt Vitry", "Prêt clos"}),
    ("?statut=cloture", {"Prêt clos", "Subvention épuisée"}),
    ("?commune=vitry-sur-seine&statut=tous", {"Prêt Vitry", "Prêt clos", "Subvention épuisée"}),
    ("?commune=athis-mons", {"Subvention Essonne"}),
    ("?statut=bientot", {"Subvention Essonne"}),
    ("?type=inconnu&statut=n-importe-quoi", {"Prêt Vitry", "Subvention Essonne"}),
]


def test_the_calendar_follows_the_listing_filters(client, guide_index, classified):
    for query, expected in FILTER_CASES:  # one set of fiches for every case
        calendar, _ = ics(client, guide_index.url + CALENDAR + query)
        assert summaries(calendar) == {f"Clôture : {title}" for title in expected}, query


def test_a_filtered_calendar_says_so(client, guide_index, classified):
    calendar, _ = ics(client, guide_index.url + CALENDAR + "?type=pret&commune=vitry-sur-seine")
    assert str(calendar["X-WR-CALNAME"]).startswith("Échéances (recherche filtrée)")
    assert "Type d'aide : Prêt ; Vitry-sur-Seine" in str(calendar["X-WR-CALDESC"])


def test_a_fiche_closed_by_hand_is_a_cancelled_event(client, guide_index, classified):
    calendar, _ = ics(client, guide_index.url + CALENDAR + "?statut=tous")
    status = {str(e["SUMMARY"]): str(e["STATUS"]) for e in events(calendar)}
    assert status["Clôture : Subvention épuisée"] == "CANCELLED"
    assert status["Clôture : Prêt clos"] == "CONFIRMED"  # its date passed: it did happen


# One fiche's deadline ------------------------------------------------------------------------


def test_a_fiche_deadline_calendar_has_its_closing_date(client, guide_index):
    fiche = published(guide_index, "Subvention", closing_date=day(20), slug="subvention")
    calendar, response = ics(client, fiche.url + DEADLINE)
    assert response["Content-Disposition"] == 'inline; filename="echeance-subvention.ics"'
    assert response["Access-Control-Allow-Origin"] == "*"
    assert str(calendar["X-WR-CALNAME"]) == "Échéance : Subvention"
    [event] = events(calendar)
    assert str(event["UID"]) == f"{fiche.aid_uuid}-cloture@{HOST}"
    assert event.decoded("DTSTART") == day(20)
    assert str(event["SUMMARY"]) == "Clôture : Subvention"
    # The same event as in the guide's calendar: a subscriber to both sees it once.
    guide_calendar, _ = ics(client, guide_index.url + CALENDAR)
    assert uids(guide_calendar) == [str(event["UID"])]


def test_an_upcoming_fiche_also_has_its_opening_date(client, guide_index):
    fiche = published(guide_index, "Appel à projets", opening_date=day(5), closing_date=day(40))
    calendar, _ = ics(client, fiche.url + DEADLINE)
    by_uid = {str(e["UID"]): e for e in events(calendar)}
    assert set(by_uid) == {f"{fiche.aid_uuid}-ouverture@{HOST}", f"{fiche.aid_uuid}-cloture@{HOST}"}
    opening = by_uid[f"{fiche.aid_uuid}-ouverture@{HOST}"]
    assert opening.decoded("DTSTART") == day(5)
    assert str(opening["SUMMARY"]) == "Ouverture : Appel à projets"


def test_a_permanent_fiche_gives_a_valid_calendar_without_event(client, guide_index):
    fiche = published(guide_index, "Pépinière", recurrence="permanente", slug="pepiniere")
    calendar, _ = ics(client, fiche.url + DEADLINE)
    assert events(calendar) == []
    assert str(calendar["X-WR-CALDESC"]) == "Dispositif permanent, sans date limite."


def test_private_draft_and_unpublished_fiches_have_no_calendar(client, guide_index):
    private = published(guide_index, "Réservée", closing_date=day(10))
    make_private(private)
    response = client.get(private.url + DEADLINE)
    assert (
        response.status_code == 200 and b"BEGIN:VCALENDAR" not in response.content
    )  # password form
    draft = AidPageFactory(parent=guide_index, slug="brouillon", closing_date=day(10), live=False)
    assert client.get(f"/aides/{draft.slug}/{DEADLINE}").status_code == 404
    gone = published(guide_index, "Retirée", closing_date=day(10), slug="retiree")
    AidPage.objects.get(pk=gone.pk).unpublish()
    assert client.get(f"/aides/retiree/{DEADLINE}").status_code in (404, 410)


def test_fiche_calendar_queries_are_bounded(client, guide_index, django_assert_max_num_queries):
    fiche = published(guide_index, "Subvention", closing_date=day(20))
    # Shown contacts throughout (a named person is shown only with their agreement).
    Contact.objects.filter(aid_lines__page=fiche).update(publication_consent=True)
    client.get(fiche.url + DEADLINE)  # warm the site and content type caches
    few = count_queries(client, fiche.url + DEADLINE)
    for _ in range(4):
        AidContact.objects.create(
            page=fiche, contact=ContactFactory(publication_consent=True), referral_note=""
        )
    republish(fiche)
    assert count_queries(client, fiche.url + DEADLINE) == few
    with django_assert_max_num_queries(16):
        client.get(fiche.url + DEADLINE)
