"""Finding 8: « People published without their consent »: the fiche page and the calendar files
showed every contact, while only the API and the open data honoured ``publication_consent``.

One rule now (``guide/public_contacts.py``): a named person who has not agreed appears in no
public answer of the site, and a fiche none of whose contacts may be published shows the
territory's business contact, with the referral note.
"""

import datetime
import html

import pytest
from django.core.cache import cache
from wagtail.models import Site

from guide.models import AidContact, Contact, FundingProgramme, GuideSettings
from results.models import ResultsPage
from tests.support.api import code_of, detail_url
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

NOTE = "À contacter de la part du Grand-Orly Seine Bièvre"

# The person who refused: whatever a public answer says, none of these may be in it (the phone
# as stored, E.164, and as shown, « 07 12 34 56 78 »).
REFUSED_NAME = "Octave Discret"
REFUSED_EMAIL = "octave.discret@prive.example"
REFUSED_TRACES = (REFUSED_NAME, REFUSED_EMAIL, "+33712345678", "07 12 34 56 78")

AGREED_NAME = "Camille Consentante"
BUSINESS_NAME = "Accueil des entreprises du territoire"
BUSINESS_EMAIL = "entreprises@territoire.example"


@pytest.fixture(autouse=True)
def empty_cache():
    """The open-data files and the pages are kept in Django's cache between requests."""
    cache.clear()


@pytest.fixture
def people(guide):
    organisation = OrganisationFactory(name="Initiative Bièvre")
    refused = ContactFactory(
        name=REFUSED_NAME,
        kind=Contact.Kind.PERSON,
        publication_consent=False,
        organisation=organisation,
        role="Chargé d'affaires",
        email=REFUSED_EMAIL,
        phone="+33712345678",
    )
    agreed = ContactFactory(
        name=AGREED_NAME,
        kind=Contact.Kind.PERSON,
        publication_consent=True,
        organisation=organisation,
        email="camille.consentante@exemple.example",
    )
    business = ContactFactory(
        name=BUSINESS_NAME, kind=Contact.Kind.MAILBOX, email=BUSINESS_EMAIL, phone="+33199001000"
    )
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.business_contact = business
    settings.save()
    return refused, agreed, business


def publish(index, title, slug, contacts, **fields):
    """A fiche published through a revision, with one contact line per contact, in order."""
    fiche = AidPageFactory(
        parent=index,
        title=title,
        slug=slug,
        with_contact=False,
        closing_date=datetime.date.today() + datetime.timedelta(days=90),
        **fields,
    )
    for number, contact in enumerate(contacts):
        AidContact.objects.create(
            page=fiche, contact=contact, referral_note=NOTE, sort_order=number
        )
    fiche.save_revision().publish()
    fiche.refresh_from_db()
    return fiche


@pytest.fixture
def fiches(guide_index, people):
    """``mixed``: the person who agreed, then the one who refused; ``refused``: only the one
    who refused. Both in a programme with its « en chiffres » page."""
    refused, agreed, _business = people
    programme = FundingProgramme.objects.create(
        name="Fonds Bièvre Avenir",
        slug="fonds-bievre-avenir",
        kind=FundingProgramme.Kind.TERRITORIAL,
        site=Site.objects.get(is_default_site=True),
    )
    home = guide_index.get_parent()
    results = ResultsPage(title="Les aides en chiffres", slug="chiffres")
    home.add_child(instance=results)
    results.save_revision().publish()
    return {
        "mixed": publish(
            guide_index, "Prêt d'honneur Bièvre", "pret", [agreed, refused], programme=programme
        ),
        "refused": publish(
            guide_index, "Subvention conseil", "conseil", [refused], programme=programme
        ),
        "results": results,
    }


def text_of(response):
    """What an answer says, as a reader or a program sees it: HTML entities decoded, iCalendar
    lines unfolded, no-break spaces as spaces."""
    assert response.status_code == 200, response.get("Content-Type")
    content = b"".join(response) if response.streaming else response.content
    text = html.unescape(content.decode("utf-8"))
    text = text.replace("\r\n ", "").replace("\\,", ",")
    return text.replace("\u202f", " ").replace("\xa0", " ")


def contacts_section(page):
    """The « Qui contacter » section of a fiche page (the footer has the business contact)."""
    start = page.index('id="contacts-title"')
    return page[start : page.index("</section>", start)]


def public_answers(client, fiches):
    """Every public answer that says something of the fiches (the fiche page, its embed, its
    calendar, the guide's calendar and feeds, the listing's and the questionnaire's cards, the
    API, the open data, the programme's pages), by address."""
    mixed, refused = fiches["mixed"], fiches["refused"]
    results = fiches["results"].url
    addresses = [
        mixed.url,
        refused.url,
        f"/embed/aide/{code_of(mixed)}/",
        f"/embed/aide/{code_of(refused)}/",
        "/embed/aides/",
        mixed.url + "echeance/",
        refused.url + "echeance/",
        "/aides/calendrier/",
        "/aides/flux/nouveautes/",
        "/aides/flux/fermeture/",
        "/aides/",
        "/aides/?q=Bièvre",
        "/aides/mon-projet/?effectif=12",
        "/",
        detail_url(mixed),
        detail_url(refused),
        "/api/v1/aides/?statut=tous",
        "/donnees/",
        "/donnees/dispositifs-aide.csv",
        "/donnees/contacts-dispositifs-aide.csv",
        "/donnees/dispositifs-aide.json",
        results,
        results + "programmes/fonds-bievre-avenir/",
        results + "chiffres-csv/",
    ]
    return {address: text_of(client.get(address)) for address in addresses}


def test_a_person_who_refused_appears_in_no_public_answer(client, fiches):
    for address, text in public_answers(client, fiches).items():
        for trace in REFUSED_TRACES:
            assert trace not in text, (address, trace)


def test_a_fiche_whose_only_contact_refused_shows_the_business_contact(client, fiches):
    # The person who agreed is shown, and a fiche with such a contact needs no stand-in.
    contacts = contacts_section(text_of(client.get(fiches["mixed"].url)))
    assert AGREED_NAME in contacts and NOTE in contacts
    assert BUSINESS_EMAIL not in contacts
    fiche = fiches["refused"]
    contacts = contacts_section(text_of(client.get(fiche.url)))
    assert BUSINESS_NAME in contacts and BUSINESS_EMAIL in contacts and NOTE in contacts
    calendar = text_of(client.get(fiche.url + "echeance/"))
    assert f"« {NOTE} » – {BUSINESS_NAME}" in calendar
    api = client.get(detail_url(fiche)).json()
    assert [(c["nom"], c["note_recommandation"]) for c in api["contacts"]] == [
        (BUSINESS_NAME, NOTE)
    ]
    assert BUSINESS_EMAIL in text_of(client.get("/donnees/contacts-dispositifs-aide.csv"))


def test_a_business_contact_who_refused_is_not_shown_either(client, fiches, people):
    refused, _agreed, _business = people
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.business_contact = refused
    settings.save()
    for address, text in public_answers(client, fiches).items():
        for trace in REFUSED_TRACES:
            assert trace not in text, (address, trace)
    assert "Contact à venir." in contacts_section(text_of(client.get(fiches["refused"].url)))
    calendar = text_of(client.get(fiches["refused"].url + "echeance/"))
    assert f"« {NOTE} »" in calendar


def test_a_preview_shows_the_same_contacts_as_the_published_page(rf, fiches, people):
    """A preview's lines are in memory (modelcluster), not in the database: the same rule."""
    refused, agreed, business = people
    fiche = fiches["mixed"]
    request = rf.get(fiche.url)
    request.is_preview = True

    def previewed(*contacts):
        fiche.contacts = [AidContact(contact=contact, referral_note=NOTE) for contact in contacts]
        return [line.contact for line in fiche.get_context(request)["aid_contacts"]]

    assert previewed(refused, agreed) == [agreed]
    assert previewed(refused) == [business]
