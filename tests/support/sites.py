"""A second territory on the instance: its own Wagtail ``Site`` (host), home, guide and settings.

``make_second_site()`` builds the second site beside the default one
(``tests.support.pages.make_guide``
or the ``guide`` fixture): a ``HomePage`` under Wagtail's root (a sibling of the first home), an
``AidIndexPage`` under it and its ``GuideSettings``. ``publish_fiche`` publishes a fiche with its
contact lines through a revision, as an editor does.
"""

from dataclasses import dataclass

from wagtail.models import Page, Site

from guide.models import AidContact, AidIndexPage, AidPage, Contact, GuideSettings
from guide.referral import DEFAULT_ENGLISH_REFERRAL_NOTE, DEFAULT_REFERRAL_NOTE
from home.models import HomePage
from tests.support.factories import (
    AidIndexPageFactory,
    AidPageFactory,
    ContactFactory,
    HomePageFactory,
)

FIRST_HOSTNAME = "localhost"  # the default site's host in the tests (Wagtail's first site)
SECOND_HOSTNAME = "fonds13.example"
SECOND_TERRITORY = "Bouches-du-Rhône"
SECOND_REFERRAL_NOTE = "À contacter de la part de la DDETS des Bouches-du-Rhône"
SECOND_REFERRAL_NOTE_EN = "Please say you were referred by the DDETS of the Bouches-du-Rhône"


@dataclass
class SiteGuide:
    """One territory: its site, its French home and guide, and its settings."""

    site: Site
    home: HomePage
    guide: AidIndexPage
    settings: GuideSettings

    @property
    def hostname(self):
        return self.site.hostname

    @property
    def pages(self):
        """(home, guide), as ``tests.support.pages.translate_guide`` takes them."""
        return self.home, self.guide


def make_second_site(
    hostname=SECOND_HOSTNAME,
    slug="fonds-mutualises-13",
    guide_slug="aides",
    territory_name=SECOND_TERRITORY,
    referral_note=SECOND_REFERRAL_NOTE,
    referral_note_en=SECOND_REFERRAL_NOTE_EN,
):
    """A second site on ``hostname`` (port 80, not the default), with its home, its guide (same
    slug as the first one's by default: both sites answer ``/aides/``) and its settings."""
    home = HomePageFactory(
        parent=Page.get_first_root_node(), slug=slug, title="Fonds mutualisés de revitalisation"
    )
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=territory_name)
    guide = AidIndexPageFactory(parent=home, slug=guide_slug, title="Les aides des fonds")
    settings = GuideSettings.for_site(site)
    settings.territory_name = territory_name
    settings.referral_note = referral_note
    settings.referral_note_en = referral_note_en
    settings.save()
    return SiteGuide(site, home, guide, settings)


def first_site(home, guide, territory_name="Grand-Orly Seine Bièvre"):
    """The default site built by ``make_guide`` (the ``guide`` fixture), its settings set to the
    built-in referral notes."""
    site = Site.objects.get(is_default_site=True)
    settings = GuideSettings.for_site(site)
    settings.territory_name = territory_name
    settings.referral_note = DEFAULT_REFERRAL_NOTE
    settings.referral_note_en = DEFAULT_ENGLISH_REFERRAL_NOTE
    settings.save()
    return SiteGuide(site, home, guide, settings)


def publish_fiche(index, title, notes=(), **fields):
    """A fiche of ``index`` published through a revision, with one contact line (a functional
    mailbox, published in the open data and the API) per note of ``notes``."""
    page = AidPageFactory(parent=index, title=title, with_contact=False, **fields)
    for number, note in enumerate(notes):
        AidContact.objects.create(
            page=page,
            contact=ContactFactory(kind=Contact.Kind.MAILBOX, name=f"{title} – service {number}"),
            referral_note=note,
            sort_order=number,
        )
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)
