"""Two territories on one instance: nothing public on one site shows the other site's fiches, and
each site's referral note goes with its own fiches.

The world (built once for the module, rolled back at its end): the default site (GOSB, host
``localhost``) and a second site (``fonds13.example``), each with its French and English guide
and one published fiche, translated. Both guides live at ``/aides/``: the same address must
answer differently on each host. Each fiche carries a word of its own in its title and slug
(« orbival », « calanques »), which each answer must show for its own site and never for the
other.

Two tables: ``LISTS`` (one address per site and language, which lists fiches) and ``FICHES``
(one address per fiche: its own site serves it, the other answers 404). A new public entry point
is one line in one of them. The API's vocabularies are shared reference data (types, sectors,
communes), the same on every site: they list no fiche.
"""

import datetime
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from alerts import tokens
from alerts.matching import matching_fiches
from alerts.models import Alert
from alerts.sending import send_due_alerts
from core.memo import forget as forget_sites
from core.sites import site_of_page
from guide.models import AidPage, GuideSettings
from guide.referral import DEFAULT_ENGLISH_REFERRAL_NOTE, DEFAULT_REFERRAL_NOTE
from permalinks.models import GonePath, PermanentLink
from tests.support.factories import AidPageFactory, ContentPageFactory
from tests.support.pages import make_guide, publish_translation, translate_guide
from tests.support.sites import (
    FIRST_HOSTNAME,
    SECOND_HOSTNAME,
    SECOND_REFERRAL_NOTE,
    SECOND_REFERRAL_NOTE_EN,
    first_site,
    make_second_site,
    publish_fiche,
)

pytestmark = pytest.mark.django_db

SEARCH = {"fr": "amorçage", "en": "seed"}  # a word of both sites' fiches, in each language


@dataclass
class Territory:
    key: str
    marker: str  # in its fiche's titles and slugs, lower case
    site: Site
    home: dict  # language -> home page
    guide: dict  # language -> guide
    fiche: dict  # language -> fiche
    code: str  # the fiche's permanent link
    note: dict  # language -> the site's referral note

    @property
    def host(self):
        return self.site.hostname

    @property
    def uuid(self):
        return str(self.fiche["fr"].aid_uuid)


@dataclass
class World:
    territories: dict

    def pair(self, key):
        """(this territory, the other one)."""
        other = next(name for name in self.territories if name != key)
        return self.territories[key], self.territories[other]


def path(page):
    """The page's address on its own site (``/aides/…`` or ``/en/aides/…``)."""
    return page.get_url_parts()[2]


def prefix(language):
    return "" if language == "fr" else f"/{language}"


def build_territory(key, marker, site_guide, english_title, notes):
    soon = timezone.localdate() + datetime.timedelta(days=10)
    territories = ["EPCI-200058014"] if key == "gosb" else ["PAYS-99100"]
    fiche = publish_fiche(
        site_guide.guide,
        f"Prêt amorçage {marker.capitalize()}",
        # One line with the site's note, one saved blank (it shows the site's note).
        notes=(notes["fr"], ""),
        slug=f"pret-amorcage-{marker}",
        closing_date=soon,
        territories=territories,
        is_featured=True,
    )
    english = translate_guide(site_guide.pages)
    fiche_en = publish_translation(
        fiche, english.locale, title=english_title, slug=f"{marker}-seed-loan"
    )
    return Territory(
        key=key,
        marker=marker,
        site=site_guide.site,
        home={"fr": site_guide.home, "en": english.home},
        guide={"fr": site_guide.guide, "en": english.index},
        fiche={"fr": fiche, "en": fiche_en},
        code=PermanentLink.objects.get(aid_uuid=fiche.aid_uuid).code,
        note=notes,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            home, index = make_guide()
            first = first_site(home, index)
            second = make_second_site()
            yield World(
                {
                    "gosb": build_territory(
                        "gosb",
                        "orbival",
                        first,
                        "Orbival seed loan",
                        {"fr": DEFAULT_REFERRAL_NOTE, "en": DEFAULT_ENGLISH_REFERRAL_NOTE},
                    ),
                    "fonds13": build_territory(
                        "fonds13",
                        "calanques",
                        second,
                        "Calanques seed loan",
                        {"fr": SECOND_REFERRAL_NOTE, "en": SECOND_REFERRAL_NOTE_EN},
                    ),
                }
            )
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            forget_sites()
            Site.clear_site_root_paths_cache()
            cache.clear()


@pytest.fixture(autouse=True)
def hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, FIRST_HOSTNAME, SECOND_HOSTNAME]
    settings.GUIDE_API_RATE_LIMIT = None


def get(client, url, host, **extra):
    return client.get(url, HTTP_HOST=host, **extra)


def text_of(response):
    """What a visitor or a program reads in the answer, lower case: the body (HTML entities
    decoded, iCalendar lines unfolded) and the redirect's address."""
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("text/calendar"):
        body = body.replace("\r\n ", "").replace("\r\n\t", "")
    return (html.unescape(body) + "\n" + response.get("Location", "")).lower()


# Addresses that list fiches: the same address on each host ------------------------------------


@dataclass(frozen=True)
class Listing:
    name: str
    url: Callable  # (territory, language) -> address
    languages: tuple = ("fr", "en")
    marker: str = "word"  # "word": the fiche's word; "uuid": its national id

    def markers(self, territory):
        return territory.uuid if self.marker == "uuid" else territory.marker


def guide_route(route):
    return lambda territory, language: path(territory.guide[language]) + route


LISTS = [
    Listing("home", lambda t, language: path(t.home[language])),
    Listing("listing", guide_route("")),
    Listing(
        "listing search",
        lambda t, language: (
            path(t.guide[language]) + "?" + urlencode({"q": SEARCH[language], "statut": "tous"})
        ),
    ),
    Listing("questionnaire", guide_route("mon-projet/?effectif=12")),
    Listing("news feed", guide_route("flux/nouveautes/")),
    Listing("closing-soon feed", guide_route("flux/fermeture/")),
    Listing("calendar", guide_route("calendrier/")),
    Listing("sitemap", lambda t, language: "/sitemap.xml", languages=("fr",)),
    Listing("api list", lambda t, language: f"/api/v1/aides/?statut=tous&lang={language}"),
    Listing("embed list", lambda t, language: f"{prefix(language)}/embed/aides/?statut=tous"),
    Listing(
        "search suggestions",
        lambda t, language: (
            f"{prefix(language)}/recherche/suggestions/?" + urlencode({"q": SEARCH[language]})
        ),
    ),
    Listing("open data csv", lambda t, language: "/donnees/dispositifs-aide.csv", ("fr",)),
    Listing("open data json", lambda t, language: "/donnees/dispositifs-aide.json", ("fr",)),
    Listing(
        "open data contacts",
        lambda t, language: "/donnees/contacts-dispositifs-aide.csv",
        ("fr",),
        marker="uuid",
    ),
]


def list_cases():
    for listing in LISTS:
        for language in listing.languages:
            for key in ("gosb", "fonds13"):
                yield pytest.param(listing, language, key, id=f"{listing.name}-{language}-{key}")


@pytest.mark.parametrize(("listing", "language", "key"), list(list_cases()))
def test_a_list_shows_its_own_site_fiches_only(client, world, listing, language, key):
    own, other = world.pair(key)
    response = get(client, listing.url(own, language), own.host)
    assert response.status_code == 200, response.content[:500]
    text = text_of(response)
    assert listing.markers(own) in text
    assert listing.markers(other) not in text


# Addresses of one fiche: served on its own site, 404 on the other ------------------------------


@dataclass(frozen=True)
class FicheAddress:
    name: str
    url: Callable  # (territory, language) -> address of the territory's fiche
    status: int = 200
    languages: tuple = ("fr", "en")


FICHES = [
    FicheAddress("fiche page", lambda t, language: path(t.fiche[language])),
    FicheAddress("fiche calendar", lambda t, language: path(t.fiche[language]) + "echeance/"),
    FicheAddress("api detail", lambda t, language: f"/api/v1/aides/{t.uuid}/?lang={language}"),
    FicheAddress("permalink", lambda t, language: f"{prefix(language)}/a/{t.code}/", status=301),
    FicheAddress("embed card", lambda t, language: f"{prefix(language)}/embed/aide/{t.code}/"),
]


def fiche_cases():
    for address in FICHES:
        for language in address.languages:
            for key in ("gosb", "fonds13"):
                yield pytest.param(address, language, key, id=f"{address.name}-{language}-{key}")


@pytest.mark.parametrize(("address", "language", "key"), list(fiche_cases()))
def test_a_fiche_is_served_on_its_own_site_only(client, world, address, language, key):
    own, other = world.pair(key)
    response = get(client, address.url(own, language), own.host)
    assert response.status_code == address.status
    text = text_of(response)
    assert own.marker in text and other.marker not in text
    # The other site's fiche, by the same kind of address, on this host: unknown here.
    # (The 404 page may repeat the address asked for, in its language switcher: not its title.)
    elsewhere = get(client, address.url(other, language), own.host)
    assert elsewhere.status_code == 404
    assert other.fiche[language].title.lower() not in text_of(elsewhere)


def test_the_permalink_leads_to_the_fiche_in_the_visitor_language(client, world):
    for territory in world.territories.values():
        for language in ("fr", "en"):
            response = get(client, f"{prefix(language)}/a/{territory.code}/", territory.host)
            assert response["Location"] == path(territory.fiche[language])


def test_robots_txt_points_to_the_host_sitemap(client, world):
    for territory in world.territories.values():
        text = get(client, "/robots.txt", territory.host).content.decode()
        assert f"Sitemap: http://{territory.host}/sitemap.xml" in text


# Deleted fiches: 410 on their own site, 404 elsewhere ------------------------------------------


def test_a_deleted_fiche_is_gone_on_its_own_site_and_unknown_on_the_other(client, world):
    for key in ("gosb", "fonds13"):
        own, other = world.pair(key)
        address = path(own.fiche["fr"])
        with transaction.atomic():
            AidPage.objects.filter(aid_uuid=own.fiche["fr"].aid_uuid).get(
                locale__language_code="en"
            ).delete()
            AidPage.objects.get(pk=own.fiche["fr"].pk).delete()
            for url in (address, f"/a/{own.code}/"):
                gone = get(client, url, own.host)
                assert gone.status_code == 410, url
                assert own.marker in text_of(gone)
                unknown = get(client, url, other.host)
                assert unknown.status_code == 404, url
                assert own.fiche["fr"].title.lower() not in text_of(unknown)
            transaction.set_rollback(True)


def test_two_sites_deleting_a_fiche_at_the_same_address_keep_their_own_title(client, world):
    gosb, fonds13 = world.pair("gosb")
    titles = {"gosb": "Subvention commune Orly", "fonds13": "Subvention commune Marseille"}
    for territory in (gosb, fonds13):
        page = AidPageFactory(
            parent=territory.guide["fr"], title=titles[territory.key], slug="commune"
        )
        AidPage.objects.get(pk=page.pk).delete()
    assert set(GonePath.objects.filter(path="/aides/commune").values_list("site", flat=True)) == {
        gosb.site.pk,
        fonds13.site.pk,
    }
    for territory in (gosb, fonds13):
        response = get(client, "/aides/commune/", territory.host)
        assert response.status_code == 410
        content = html.unescape(response.content.decode())
        assert titles[territory.key] in content
        assert titles["fonds13" if territory.key == "gosb" else "gosb"] not in content


def test_gone_paths_recorded_before_sites_belong_to_the_default_site(client, world):
    gosb, fonds13 = world.pair("gosb")
    link = PermanentLink.objects.create(aid_uuid="0" * 32, code="ABC12", title="Ancienne aide")
    GonePath.objects.create(path="/aides/ancienne", link=link)  # no site, as recorded then
    assert get(client, "/aides/ancienne/", gosb.host).status_code == 410
    assert get(client, "/a/ABC12/", gosb.host).status_code == 410
    assert get(client, "/aides/ancienne/", fonds13.host).status_code == 404
    assert get(client, "/a/ABC12/", fonds13.host).status_code == 404


# Referral notes: each site's own ----------------------------------------------------------------


def other_notes(territory, world):
    _own, other = world.pair(territory.key)
    return set(other.note.values())


@pytest.mark.parametrize("key", ["gosb", "fonds13"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_fiche_page_shows_its_site_referral_note(client, world, key, language):
    own, _other = world.pair(key)
    content = html.unescape(get(client, path(own.fiche[language]), own.host).content.decode())
    # Both lines (one with the site's French note, one blank) show the note in the page's
    # language, and « L'essentiel » says it once beside the phone: never the other site's,
    # never the French note on an English page.
    assert content.count(own.note[language]) == 3
    for note in other_notes(own, world) | ({own.note["fr"]} if language == "en" else set()):
        assert note not in content


@pytest.mark.parametrize("key", ["gosb", "fonds13"])
def test_the_contacts_csv_carries_its_site_referral_note(client, world, key):
    own, _other = world.pair(key)
    content = get(client, "/donnees/contacts-dispositifs-aide.csv", own.host).content.decode()
    assert content.count(own.note["fr"]) == 2
    for note in other_notes(own, world):
        assert note not in content


@pytest.mark.parametrize("key", ["gosb", "fonds13"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_api_detail_carries_its_site_referral_note(client, world, key, language):
    own, _other = world.pair(key)
    answer = get(client, f"/api/v1/aides/{own.uuid}/?lang={language}", own.host).json()
    notes = [contact["note_recommandation"] for contact in answer["contacts"]]
    assert notes == [own.note[language], own.note[language]]


@pytest.mark.parametrize("key", ["gosb", "fonds13"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_embed_card_and_calendar_quote_their_site_referral_note(client, world, key, language):
    own, _other = world.pair(key)
    card = text_of(get(client, f"{prefix(language)}/embed/aide/{own.code}/", own.host))
    calendar = text_of(get(client, path(own.guide[language]) + "calendrier/", own.host))
    for text in (card, calendar):
        assert own.note[language].lower() in text
        for note in other_notes(own, world):
            assert note.lower() not in text


def test_the_site_notes_cost_the_same_queries_whatever_the_number_of_fiches(client, world):
    """Each English contact line reads its fiche's site settings: once per request and site."""
    own, _other = world.pair("fonds13")
    url = "/api/v1/aides/?lang=en&statut=tous&page_size=100"

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert get(client, url, own.host).status_code == 200
        return len(context.captured_queries)

    get(client, url, own.host)  # warm caches (site root paths, content types)
    few = queries()
    for number in range(3):
        fiche = publish_fiche(own.guide["fr"], f"Prêt {number}", notes=("",), slug=f"pret-{number}")
        publish_translation(fiche, own.fiche["en"].locale, slug=f"loan-{number}")
    answer = get(client, url, own.host).json()
    assert answer["count"] == 4
    assert {c["note_recommandation"] for i in answer["results"] for c in i["contacts"]} == {
        own.note["en"]
    }
    assert queries() == few


def test_site_of_page_finds_the_site_of_an_english_fiche(world):
    for territory in world.territories.values():
        english = AidPage.objects.get(pk=territory.fiche["en"].pk)
        assert site_of_page(english) == territory.site
        assert GuideSettings.of_page(english).referral_note_en == territory.note["en"]


NOTE_INPUT = re.compile(r'<input[^>]*\bname="contacts-([^"]+)-referral_note"[^>]*>')


def contact_notes(content):
    """{contact line's form prefix: the value its note field shows} in an admin page."""
    notes = {}
    for match in NOTE_INPUT.finditer(content):
        value = re.search(r'\bvalue="([^"]*)"', match.group(0))
        notes[match.group(1)] = html.unescape(value.group(1)) if value else ""
    return notes


@pytest.mark.parametrize("key", ["gosb", "fonds13"])
def test_a_new_contact_line_is_prefilled_with_its_site_referral_note(
    client, world, django_user_model, key
):
    own, _other = world.pair(key)
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    url = f"/admin/pages/add/guide/aidpage/{own.guide['fr'].pk}/"
    created = get(client, url, own.host)
    assert created.status_code == 200
    # The first line of a new fiche and the empty form the "add a contact" button copies.
    assert contact_notes(created.content.decode()) == {
        "0": own.note["fr"],
        "__prefix__": own.note["fr"],
    }
    # Editing keeps each existing line's own note (the blank one stays blank); a new line gets
    # the site's.
    edited = get(client, f"/admin/pages/{own.fiche['fr'].pk}/edit/", own.host)
    assert edited.status_code == 200
    assert contact_notes(edited.content.decode()) == {
        "0": own.note["fr"],
        "1": "",
        "__prefix__": own.note["fr"],
    }


# Alerts -----------------------------------------------------------------------------------------


def subscribe(client, territory, index, host):
    return client.post(
        "/alertes/",
        {
            "email": f"cheffe@{territory.key}.example",
            "frequency": "quotidienne",
            "kind": "recherche",
            "query": "",
            "index": index.pk,
        },
        HTTP_HOST=host,
    )


@pytest.mark.parametrize("key", ["gosb", "fonds13"])
def test_an_alert_belongs_to_the_site_it_was_subscribed_on(client, world, key):
    cache.clear()  # the subscription rate limit
    own, other = world.pair(key)
    # Another site's guide is not a choice here.
    subscribe(client, own, other.guide["fr"], own.host)
    assert not Alert.objects.exists() and not mail.outbox
    assert subscribe(client, own, own.guide["fr"], own.host).status_code == 302
    alert = Alert.objects.get()
    assert alert.site == own.site and alert.index.pk == own.guide["fr"].pk
    (message,) = mail.outbox
    assert f"http://{own.host}/alertes/confirmer/" in message.body
    assert other.host not in message.body
    # Its links open nothing on the other site's host.
    token = tokens.make_token(alert, tokens.CONFIRM)
    assert get(client, f"/alertes/confirmer/{token}/", other.host).status_code == 404
    assert get(client, f"/alertes/confirmer/{token}/", own.host).status_code == 200


@pytest.mark.parametrize("key", ["gosb", "fonds13"])
def test_an_alert_is_matched_against_its_site_fiches_and_links_to_its_host(world, key):
    own, other = world.pair(key)
    now = timezone.now()
    cutoff = now - datetime.timedelta(days=1)
    alerts = [
        Alert.objects.create(
            email="cheffe@entreprise.example",
            site=own.site,
            index=own.guide[language],
            kind=Alert.Kind.SEARCH,
            query="",
            frequency=Alert.Frequency.DAILY,
            language=language,
            confirmed_at=cutoff,
            seen_until=cutoff,
        )
        for language in ("fr", "en")
    ]
    for alert in alerts:
        changes = matching_fiches(alert, cutoff, now, timezone.localdate(now))
        assert [change.page.pk for change in changes] == [own.fiche[alert.language].pk]
    report = send_due_alerts(now=now)
    assert len(report.sent) == 2
    for message in mail.outbox:
        assert own.marker in message.body.lower() and other.marker not in message.body.lower()
        assert f"http://{own.host}/" in message.body and other.host not in message.body


def test_an_alert_without_a_site_belongs_to_the_default_site(world):
    gosb, fonds13 = world.pair("gosb")
    alert = Alert.objects.create(
        email="ancienne@entreprise.example",
        index=gosb.guide["fr"],
        kind=Alert.Kind.SEARCH,
        language="fr",
    )
    assert alert.alert_site() == gosb.site
    token = tokens.make_token(alert, tokens.UNSUBSCRIBE)
    assert tokens.alert_for_token(token, tokens.UNSUBSCRIBE, gosb.site) == alert
    assert tokens.alert_for_token(token, tokens.UNSUBSCRIBE, fonds13.site) is None


def test_the_alert_form_links_to_its_own_site_personal_data_page(client, world):
    gosb, fonds13 = world.pair("gosb")
    ContentPageFactory(
        parent=fonds13.home["fr"], slug="donnees-personnelles", title="Données des fonds"
    )
    own = get(client, path(fonds13.guide["fr"]), fonds13.host).content.decode()
    assert 'href="/donnees-personnelles/">Vos données personnelles' in own
    # The first site has no such page: no link, and never to the other site's.
    other = get(client, path(gosb.guide["fr"]), gosb.host).content.decode()
    assert "Vos données personnelles" not in other and "donnees-personnelles" not in other


# Editors: one daily digest per site --------------------------------------------------------------


def test_each_site_team_gets_the_digest_of_its_own_fiches(world):
    addresses = {}
    for territory in world.territories.values():
        settings = GuideSettings.for_site(territory.site)
        settings.digest_email = addresses[territory.key] = f"equipe@{territory.key}.example"
        settings.save()
    call_command("guide_daily", "--on", timezone.localdate().isoformat(), stdout=io.StringIO())
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        (address,) = message.to
        key = next(key for key, known in addresses.items() if known == address)
        own, other = world.pair(key)
        assert own.fiche["fr"].title in message.body
        assert other.fiche["fr"].title not in message.body
        territory_name = GuideSettings.for_site(own.site).territory_name
        assert territory_name in message.subject


# The open data command ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["gosb", "fonds13"])
def test_the_export_command_writes_the_named_site_files(world, tmp_path, key):
    own, other = world.pair(key)
    arguments = [] if own.site.is_default_site else ["--site", own.host]
    call_command("export_open_data", "--output", str(tmp_path), *arguments, stdout=io.StringIO())
    content = (tmp_path / "dispositifs-aide.csv").read_text(encoding="utf-8").lower()
    assert own.marker in content and other.marker not in content
    contacts = (tmp_path / "contacts-dispositifs-aide.csv").read_text(encoding="utf-8")
    assert own.note["fr"] in contacts


def test_the_export_command_refuses_an_unknown_host(world, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="inconnu.example"):
        call_command("export_open_data", "--output", str(tmp_path), "--site", "inconnu.example")
