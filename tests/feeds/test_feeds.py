"""The guide's Atom feeds, read by a real feed parser (feedparser), and the links to them."""

import datetime
import re
from email.utils import format_datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from feeds import identity, selection
from guide.models import AidPage
from tests.support.factories import AidPageFactory
from tests.support.feeds import (
    CALENDAR,
    CLOSING,
    NEWS,
    ON,
    atom,
    count_queries,
    day,
    ics,
    make_private,
    published,
    republish,
    set_published_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("guide.status.today", lambda: ON)


def plain(text):
    """French formatting uses no-break spaces (15 000 €); compare with ordinary ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def at(hours):
    return datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC) + datetime.timedelta(hours=hours)


def test_news_feed_lists_fiches_last_published_first(client, guide_index):
    older = published(
        guide_index,
        "Prêt à taux zéro",
        aid_types=["pret"],
        components=[("pret", 15000)],
        closing_date=day(45),
    )
    newer = published(guide_index, "Pépinière", aid_types=["hebergement"], recurrence="permanente")
    set_published_at(older, at(1))
    set_published_at(newer, at(2))

    feed, response = atom(client, guide_index.url + NEWS)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert (
        feed.feed.title
        == "Nouvelles fiches et mises à jour – Guide des aides Grand-Orly Seine Bièvre"
    )
    assert feed.feed.link == guide_index.full_url
    assert [entry.title for entry in feed.entries] == ["Pépinière", "Prêt à taux zéro"]
    loan = feed.entries[1]
    assert loan.id == f"urn:uuid:{older.aid_uuid}"
    assert loan.link == older.full_url
    assert loan.updated_parsed[:6] == at(1).timetuple()[:6]
    assert (
        loan.published_parsed[:6]
        == older.first_published_at.astimezone(datetime.UTC).timetuple()[:6]
    )
    assert [tag.term for tag in loan.tags] == ["Prêt"]
    # The summary: promesse, headline figure, status and deadline.
    assert "Financez vos recrutements en CDI" in loan.summary
    assert "Prêt : 15 000 €" in plain(loan.summary)
    assert "Ouvert – date limite : 6 janvier 2027" in loan.summary
    assert "Ouvert – dispositif permanent, sans date limite" in feed.entries[0].summary


def test_news_feed_keeps_the_latest_fiches_only(client, guide_index, monkeypatch):
    assert selection.NEWS_SIZE == 30
    monkeypatch.setattr(selection, "NEWS_SIZE", 3)  # 30 in production; 5 fiches are enough here
    fiches = [published(guide_index, f"Aide {n}") for n in range(5)]
    for hours, fiche in enumerate(fiches):
        set_published_at(fiche, at(hours))
    feed, _ = atom(client, guide_index.url + NEWS)
    assert [e.title for e in feed.entries] == ["Aide 4", "Aide 3", "Aide 2"]
    assert feed.feed.subtitle.startswith("Les 3 dernières fiches publiées ou mises à jour")


def test_entry_ids_stay_the_same_across_requests_and_a_title_edit(client, guide_index):
    first = published(guide_index, "Subvention Vitry")
    second = published(guide_index, "Conseil EPT")
    set_published_at(first, at(1))
    set_published_at(second, at(2))
    before, _ = atom(client, guide_index.url + NEWS)
    again, _ = atom(client, guide_index.url + NEWS)
    assert [e.id for e in before.entries] == [e.id for e in again.entries]

    republish(first, title="Subvention Vitry-sur-Seine", slug="subvention-vitry-sur-seine")
    after, _ = atom(client, guide_index.url + NEWS)
    assert {e.id for e in after.entries} == {e.id for e in before.entries}
    edited = after.entries[0]  # updated just now: first in the feed
    assert edited.id == f"urn:uuid:{first.aid_uuid}"
    assert edited.title == "Subvention Vitry-sur-Seine"
    assert edited.link.endswith("/aides/subvention-vitry-sur-seine/")
    assert edited.updated_parsed > before.entries[1].updated_parsed


def test_titles_and_summaries_are_text_not_markup(client, guide_index):
    published(
        guide_index, "R&D <innovation> « Sud »", promesse="Testez vos idées <b>vite</b> & bien"
    )
    feed, _ = atom(client, guide_index.url + NEWS)
    assert feed.entries[0].title == "R&D <innovation> « Sud »"
    assert "Testez vos idées &lt;b&gt;vite&lt;/b&gt; &amp; bien" in feed.entries[0].summary


def test_closing_soon_feed_has_open_fiches_within_30_days_soonest_first(client, guide_index):
    for title, closing, extra in [
        ("Ferme dans 30 jours", 30, {}),
        ("Ferme aujourd'hui", 0, {}),
        ("Ferme dans 31 jours", 31, {}),
        ("Fermée hier", -1, {}),
        ("Ferme dans 15 jours", 15, {}),
        ("Pas encore ouverte", 10, {"opening_date": day(5)}),
        ("Enveloppe épuisée", 10, {"manual_state": "epuisee"}),
    ]:
        published(guide_index, title, closing_date=day(closing), **extra)
    published(guide_index, "Permanente", recurrence="permanente")

    feed, response = atom(client, guide_index.url + CLOSING)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert feed.feed.title.startswith("Aides qui ferment dans les 30 jours")
    assert [entry.title for entry in feed.entries] == [
        "Ferme aujourd'hui – clôture le 22 novembre 2026",
        "Ferme dans 15 jours – clôture le 7 décembre 2026",
        "Ferme dans 30 jours – clôture le 22 décembre 2026",
    ]
    assert "Ferme bientôt – date limite : 22 novembre 2026" in feed.entries[0].summary


def test_the_closing_soon_window_moves_with_the_day(client, guide_index, monkeypatch):
    today = published(guide_index, "Ferme aujourd'hui", closing_date=day(0))
    later = published(guide_index, "Ferme dans 31 jours", closing_date=day(31))
    set_published_at(later, at(0))
    feed, _ = atom(client, guide_index.url + CLOSING)
    assert [e.id for e in feed.entries] == [f"urn:uuid:{today.aid_uuid}"]

    monkeypatch.setattr("guide.status.today", lambda: day(1))
    feed, _ = atom(client, guide_index.url + CLOSING)
    assert [e.id for e in feed.entries] == [f"urn:uuid:{later.aid_uuid}"]
    # Entering the window is news for this feed: "updated" is that day (Paris midnight).
    entered = timezone.make_aware(datetime.datetime.combine(day(1), datetime.time.min))
    assert feed.entries[0].updated_parsed[:6] == entered.astimezone(datetime.UTC).timetuple()[:6]


def test_no_draft_nor_private_fiche_in_any_feed(client, guide_index):
    public = published(guide_index, "Publique", closing_date=day(10))
    AidPageFactory(parent=guide_index, title="Jamais publiée", closing_date=day(10), live=False)
    private = published(guide_index, "Réservée", closing_date=day(10))
    make_private(private)
    unpublished = published(guide_index, "Retirée", closing_date=day(10))
    AidPage.objects.get(pk=unpublished.pk).unpublish()
    # A published fiche with a newer draft shows its published version.
    draft = public.save_revision()
    draft.content["title"] = "Titre du brouillon"
    draft.save()

    for route in (NEWS, CLOSING):
        feed, _ = atom(client, guide_index.url + route)
        assert [e.id for e in feed.entries] == [f"urn:uuid:{public.aid_uuid}"], route
        assert "brouillon" not in feed.entries[0].title
    calendar, _ = ics(client, guide_index.url + CALENDAR)
    assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == [
        f"{public.aid_uuid}-cloture@localhost"
    ]


def test_feeds_of_an_unpublished_guide_are_not_found(client, guide_index):
    guide_index.unpublish()
    for route in (NEWS, CLOSING, CALENDAR):
        assert client.get(guide_index.url + route).status_code == 404


def test_a_translated_guide_has_its_own_entries(client, guide):
    home, index = guide
    fiche = published(index, "Prêt d'honneur", slug="pret-honneur")
    english = Locale.objects.create(language_code="en")
    for page in (home, index):
        page.copy_for_translation(english, copy_parents=False).save_revision().publish()
    translated = fiche.copy_for_translation(english)
    translated.title, translated.slug = "Honour loan", "honour-loan"
    translated.save_revision().publish()

    french, _ = atom(client, "/aides/" + NEWS)
    english_feed, _ = atom(client, "/en/aides/" + NEWS)
    assert [e.title for e in french.entries] == ["Prêt d'honneur"]
    assert [e.title for e in english_feed.entries] == ["Honour loan"]
    assert english_feed.entries[0].link.endswith("/en/aides/honour-loan/")
    # The same aid, but a distinct entry per language, stable from one request to the next.
    assert english_feed.entries[0].id != french.entries[0].id
    assert english_feed.entries[0].id == identity.entry_id(fiche, "en")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", english_feed.entries[0].id)


def test_conditional_get_answers_304(client, guide_index):
    fiche = published(guide_index, "Subvention", closing_date=day(10))
    _feed, response = atom(client, guide_index.url + NEWS)
    again = client.get(guide_index.url + NEWS, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert response["Last-Modified"] == format_datetime(fiche.last_published_at, usegmt=True)
    since = client.get(
        guide_index.url + NEWS, headers={"if-modified-since": response["Last-Modified"]}
    )
    assert since.status_code == 304
    republish(fiche, title="Subvention modifiée")
    changed = client.get(guide_index.url + NEWS, headers={"if-none-match": response["ETag"]})
    assert changed.status_code == 200


def test_feeds_only_answer_get_and_head(client, guide_index):
    for route in (NEWS, CLOSING, CALENDAR):
        assert client.post(guide_index.url + route).status_code == 405
        assert client.head(guide_index.url + route).status_code == 200


# Links to the feeds ---------------------------------------------------------------------------

ALTERNATE = re.compile(
    r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">'
)
SUBSCRIBE = re.compile(r'<section class="subscribe".*?</section>', re.S)


def hrefs(html):
    return re.findall(r'href="([^"]+)"', html)


def test_the_listing_announces_and_links_both_feeds_and_its_calendar(client, guide_index):
    published(guide_index, "Prêt Vitry", aid_types=["pret"], closing_date=day(40))
    published(guide_index, "Subvention Vitry", aid_types=["subvention"], closing_date=day(50))
    html = client.get(guide_index.url + "?type=pret&tri=recent&page=1").content.decode()

    alternates = ALTERNATE.findall(html)
    assert [href for _title, href in alternates] == ["/aides/" + NEWS, "/aides/" + CLOSING]
    assert alternates[0][0] == "Nouvelles fiches et mises à jour – Grand-Orly Seine Bièvre"
    block = SUBSCRIBE.search(html).group(0)
    assert '<h2 id="subscribe-title">S\'abonner</h2>' in block
    news, closing, calendar = hrefs(block)
    assert (news, closing) == ("/aides/" + NEWS, "/aides/" + CLOSING)
    # The calendar of the current filters: same query, without sorting and page.
    assert calendar == "/aides/" + CALENDAR + "?type=pret"
    assert "Dates de clôture des aides de cette recherche (agenda .ics)" in block
    for url in (news, closing):
        atom(client, url)
    calendar_file, _ = ics(client, calendar)
    assert [str(e["SUMMARY"]) for e in calendar_file.walk("VEVENT")] == ["Clôture : Prêt Vitry"]


def test_the_home_page_announces_the_guide_feeds(client, home, guide_index):
    listing = ALTERNATE.findall(client.get(guide_index.url).content.decode())
    home_links = ALTERNATE.findall(client.get(home.url).content.decode())
    assert len(home_links) == 2
    assert home_links == listing  # the home's paths are the index's routes


def test_the_fiche_links_its_deadline_to_a_calendar(client, guide_index):
    ahead = published(guide_index, "Ferme bientôt", closing_date=day(20))
    html = client.get(ahead.url).content.decode()
    link = re.search(r'<a class="deadline-calendar" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert link.group(2) == "Ajouter l'échéance à mon agenda (.ics)"
    assert link.group(1) == ahead.url + "echeance/"
    ics(client, link.group(1))

    for fiche in (
        published(guide_index, "Permanente", recurrence="permanente"),
        published(guide_index, "Close", closing_date=day(-2)),
        published(guide_index, "Épuisée", closing_date=day(20), manual_state="epuisee"),
    ):
        assert "deadline-calendar" not in client.get(fiche.url).content.decode(), fiche.title


# Query budgets --------------------------------------------------------------------------------

# Measured 14, 14 and 27 on SQLite: routing to the page takes 7, the listing's filter form 6.
FEED_BUDGETS = {NEWS: 16, CLOSING: 16, CALENDAR + "?type=pret&commune=vitry-sur-seine": 30}


def add_fiches(index, count, start=0):
    for number in range(start, start + count):
        published(
            index,
            f"Prêt {number}",
            aid_types=["pret", "subvention"],
            components=[("pret", 1000 + number), ("subvention", 500)],
            closing_date=day(5 + number),
        )


def test_feed_queries_do_not_grow_with_the_number_of_fiches(
    client, guide_index, django_assert_max_num_queries
):
    add_fiches(guide_index, 2)
    # Warm the caches: the first request creates the guide's settings, which redraws the shared
    # values (core/shared_cache.py); so do the fiches added.
    client.get(guide_index.url + NEWS)
    client.get(guide_index.url + NEWS)
    few = {url: count_queries(client, guide_index.url + url) for url in FEED_BUDGETS}
    add_fiches(guide_index, 8, start=2)
    client.get(guide_index.url + NEWS)
    many = {url: count_queries(client, guide_index.url + url) for url in FEED_BUDGETS}
    assert many == few, f"queries grew with the number of fiches: {few} -> {many}"
    for url, budget in FEED_BUDGETS.items():
        with django_assert_max_num_queries(budget):
            client.get(guide_index.url + url)
