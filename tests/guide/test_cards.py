"""Cards ready to call (issue 23, item 4): every result card (listing, questionnaire, related
fiches, embeds) gives the closing date in words beside J-x, the operator, and an « Appeler » link
whose accessible name carries the referral note; only a contact the public may see is called;
the cards cost no query each. The fiche's « L'essentiel » gives the phone and the note right
after the amounts."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guide.models import AidContact, GuideSettings
from permalinks.models import PermanentLink
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory
from tests.support.pages import publish_translation, translate_guide

pytestmark = pytest.mark.django_db

NOTE = "À contacter de la part du Grand-Orly Seine Bièvre"
CLOSING = datetime.date(2099, 3, 31)


class CallLinks(HTMLParser):
    """The ``tel:`` links of a page: (href, accessible name, visible text). The accessible name
    is the link's text without its ``aria-hidden`` parts (what a screen reader says); the
    visible text leaves out the ``visually-hidden`` parts."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.current = None
        self.stack = []  # per open element inside the link: (hidden from AT, hidden visually)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and (attrs.get("href") or "").startswith("tel:"):
            self.current = [attrs["href"], "", "", attrs.get("aria-label")]
            self.stack = []
        elif self.current is not None:
            self.stack.append(
                (
                    attrs.get("aria-hidden") == "true",
                    "visually-hidden" in (attrs.get("class") or ""),
                )
            )

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if tag == "a":
            href, name, visible, label = self.current
            self.links.append((href, " ".join((label or name).split()), " ".join(visible.split())))
            self.current = None
        elif self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.current is None:
            return
        if not any(hidden for hidden, _ in self.stack):
            self.current[1] += data
        if not any(invisible for _, invisible in self.stack):
            self.current[2] += data


def call_links(html):
    parser = CallLinks()
    parser.feed(html)
    return parser.links


def published(name, phone, organisation):
    """A contact the public may see: a named person who agreed to be published."""
    return ContactFactory(
        name=name, phone=phone, organisation=organisation, publication_consent=True
    )


def fiche(index, contacts=(), **values):
    """A fiche whose contact lines are ``contacts`` (Contact), in that order, with the note."""
    page = AidPageFactory(parent=index, with_contact=False, **values)
    for position, contact in enumerate(contacts):
        AidContact.objects.create(
            page=page, contact=contact, referral_note=NOTE, sort_order=position
        )
    return page


@pytest.fixture
def alixio(guide_index):
    organisation = OrganisationFactory(name="Alixio")
    return fiche(
        guide_index,
        [published("Edith Blard", "+33123456789", organisation)],
        title="Fonds Alixio",
        slug="alixio",
        operator=organisation,
        closing_date=CLOSING,
    )


def card_of(html, title):
    """The HTML of the card whose title is ``title``."""
    for card in re.findall(
        r"<article class=\"[^\"]*(?:aid-card|embed-card)[^\"]*\">.*?</article>", html, re.S
    ):
        if title in card:
            return card
    raise AssertionError(f"no card for {title!r}")


def test_a_listing_card_gives_the_date_in_words_the_operator_and_the_call(client, alixio):
    card = card_of(client.get(alixio.get_parent().url).content.decode(), "Fonds Alixio")
    assert "jusqu&#x27;au 31 mars 2099" in card or "jusqu'au 31 mars 2099" in card
    assert 'class="aid-card__operator">Alixio<' in card
    assert call_links(card) == [
        (
            "tel:+33123456789",
            f"Appeler Alixio au 01 23 45 67 89. {NOTE}",
            "Appeler le 01 23 45 67 89",
        )
    ]


def test_the_date_sits_beside_j_x_on_a_fiche_closing_soon(client, guide_index):
    soon = timezone.localdate() + datetime.timedelta(days=12)
    fiche(guide_index, title="Bientôt close", closing_date=soon)
    card = card_of(client.get(guide_index.url).content.decode(), "Bientôt close")
    words = f"{soon.day} {MONTHS[soon.month - 1]} {soon.year}"
    meta = re.search(r'<p class="aid-card__meta">(.*?)</p>', card, re.S).group(1)
    assert "Ferme bientôt : J-12" in meta and words in meta


MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
MONTHS = MONTHS.split()


def test_no_date_in_words_for_a_permanent_or_a_closed_fiche(client, guide_index):
    fiche(guide_index, title="Permanente")
    fiche(guide_index, title="Close", closing_date=datetime.date(2020, 1, 31))
    html = client.get(guide_index.url + "?statut=tous").content.decode()
    assert "jusqu" not in card_of(html, "Permanente")
    closed = card_of(html, "Close")
    assert "Clôturé le 31 janvier 2020" in closed and "jusqu" not in closed


def test_an_english_card_says_until_and_calls_with_the_english_note(client, guide):
    home, index = guide
    organisation = OrganisationFactory(name="Alixio")
    page = fiche(
        index,
        [published("Edith Blard", "+33123456789", organisation)],
        title="Fonds Alixio",
        operator=organisation,
        closing_date=CLOSING,
    )
    english = translate_guide(guide)
    publish_translation(page, english.locale, title="Alixio fund", slug="alixio-fund")
    card = card_of(client.get(english.index.url).content.decode(), "Alixio fund")
    assert "until 31 March 2099" in card
    [(href, name, visible)] = call_links(card)
    assert href == "tel:+33123456789"
    # The line still says the French default note: the English page says the guide's English note.
    assert name == (
        "Call Alixio on 01 23 45 67 89. Please say you were referred by Grand-Orly Seine Bièvre"
    )
    assert visible == "Call 01 23 45 67 89"


def test_a_french_only_cards_own_note_is_said_in_french_on_the_english_listing(client, guide):
    """The English guide lists a French-only fiche: its contact line's own note is French text,
    marked so in the link's accessible name (a screen reader reads it with a French voice); the
    guide's English note, which replaces the French default, is not marked."""
    home, index = guide
    organisation = OrganisationFactory(name="Alixio")
    page = fiche(
        index,
        [published("Edith Blard", "+33123456789", organisation)],
        title="Fonds Alixio",
        closing_date=CLOSING,
    )
    AidContact.objects.filter(page=page).update(referral_note="Dites que vous venez de la CCI")
    fiche(index, [published("Paul", "+33144444444", organisation)], title="Prêt atelier")
    english = translate_guide(guide)
    html = client.get(english.index.url).content.decode()
    own = card_of(html, "Fonds Alixio")
    [(_href, name, _visible)] = call_links(own)
    assert name == "Call Alixio on 01 23 45 67 89. Dites que vous venez de la CCI"
    assert '<span lang="fr">Dites que vous venez de la CCI</span>' in own
    default = card_of(html, "Prêt atelier")
    assert "Please say you were referred by" in default and 'lang="fr">Please' not in default


def test_a_contact_the_public_may_not_see_is_never_called(client, guide_index):
    organisation = OrganisationFactory(name="Cabinet Conseil")
    hidden = ContactFactory(name="Sans accord", phone="+33611111111", organisation=organisation)
    draft = published("Jamais publié", "+33622222222", organisation)
    draft.live = False
    draft.save()
    shown = published("Avec accord", "+33633333333", organisation)
    page = fiche(guide_index, [hidden, draft, shown], title="Conseil", operator=organisation)
    for url in (guide_index.url, page.url):
        html = client.get(url).content.decode()
        assert "611111111" not in html and "06 11 11 11 11" not in html
        assert "622222222" not in html and "06 22 22 22 22" not in html
    card = card_of(client.get(guide_index.url).content.decode(), "Conseil")
    assert [href for href, _name, _visible in call_links(card)] == ["tel:+33633333333"]


def test_without_a_public_contact_the_card_calls_the_territory(client, guide_index):
    hidden = ContactFactory(phone="+33611111111")  # a named person without consent
    fiche(guide_index, [hidden], title="Sans contact public")
    fiche(guide_index, title="Sans contact du tout")
    html = client.get(guide_index.url).content.decode()
    assert call_links(card_of(html, "Sans contact public")) == []  # no business contact yet

    service = ContactFactory(
        kind="service",
        name="Service développement économique",
        phone="+33199001000",
        organisation=OrganisationFactory(name="Grand-Orly Seine Bièvre"),
    )
    settings = GuideSettings.for_site(guide_index.get_site())
    settings.business_contact = service
    settings.save()
    html = client.get(guide_index.url).content.decode()
    for title in ("Sans contact public", "Sans contact du tout"):
        [(href, name, _visible)] = call_links(card_of(html, title))
        assert href == "tel:+33199001000"
        assert name.startswith("Appeler Grand-Orly Seine Bièvre au 01 99 00 10 00. ")
    assert "611111111" not in html


def test_questionnaire_related_and_embed_cards_call_too(client, guide_index, alixio):
    related = fiche(
        guide_index,
        [published("Jean Hespel", "+33144556677", OrganisationFactory(name="Katalyse"))],
        title="Katalyse",
    )
    questionnaire = client.get(guide_index.url + "mon-projet/?effectif=12").content.decode()
    assert "tel:+33123456789" in card_of(questionnaire, "Fonds Alixio")
    assert "31 mars 2099" in card_of(questionnaire, "Fonds Alixio")

    # The related fiches on a fiche (same aid type, the factory's).
    assert "tel:+33123456789" in card_of(client.get(related.url).content.decode(), "Fonds Alixio")

    code = PermanentLink.objects.get(aid_uuid=alixio.aid_uuid).code
    embed = client.get(f"/embed/aide/{code}/").content.decode()
    [(href, name, _visible)] = call_links(embed)
    assert href == "tel:+33123456789" and name.endswith(NOTE)
    assert "Alixio" in re.search(r'class="embed-card__operator">(.*?)<', embed).group(1)
    compact = client.get(f"/embed/aide/{code}/", {"compact": "1"}).content.decode()
    assert "31 mars 2099" in compact and "tel:+33123456789" in compact


def test_the_fiche_gives_the_phone_and_the_note_right_after_the_amounts(client, alixio):
    html = client.get(alixio.url).content.decode()
    glance = re.search(r'<section class="glance".*?</section>', html, re.S).group(0)
    call = re.search(r'<p class="glance__call">(.*?)</p>', glance, re.S)
    assert call, "no phone in « L'essentiel »"
    assert 'href="tel:+33123456789"' in call.group(1)
    assert "Appeler Alixio au 01 23 45 67 89" in call.group(1) and NOTE in call.group(1)
    # Right after the amounts, before the other facts.
    assert glance.index("glance__call") < glance.index("glance__facts")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def add_callable_fiches(index, count, start):
    for number in range(start, start + count):
        organisation = OrganisationFactory(name=f"Opérateur {number}")
        fiche(
            index,
            [published(f"Contact {number}", f"+3314455{number:04d}", organisation)],
            title=f"Fiche {number}",
            operator=organisation,
            closing_date=CLOSING,
        )


@pytest.mark.parametrize("path", ["", "?q=fiche", "mon-projet/?effectif=12"])
def test_the_cards_cost_no_query_each(client, guide_index, path):
    url = guide_index.url + path
    add_callable_fiches(guide_index, 2, 0)
    # Warm the caches: the first request creates the guide's settings, which redraws the
    # shared values (core/shared_cache.py); the second reads them again.
    client.get(url)
    client.get(url)
    few = count_queries(client, url)
    add_callable_fiches(guide_index, 8, 2)
    html = client.get(url).content.decode()  # also reads the shared values again
    assert len(call_links(html)) == 10
    assert count_queries(client, url) == few
