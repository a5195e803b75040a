"""The « Appeler » link of a fiche's card: whom a business calls straight from a list of fiches.

The number is the phone of the first contact the public may see on the fiche
(``guide/public_contacts.py``: ``contacts_to_show``, the only rule of who is shown; the
territory's business contact when none of the fiche's may be), the first one that has a phone.
The link's accessible name says whom it calls, the number and the referral note (« Appeler
Alixio au 01 23 45 67 89. À contacter de la part du Grand-Orly Seine Bièvre »): a screen
reader user hears what to say before the call starts.

It reads the fiche's contact lines as prefetched by the card selections
(``AidPageQuerySet.for_cards`` and ``with_relations``) and the guide's settings the page already
read (Wagtail's ``for_request``, kept on the request): no query per card, none per page.

A translated guide lists its French-only fiches in French (``listed_in_french``,
guide/listing/context.py): a contact line's own note is then French text in an English page,
and the link marks it so (``note_language``) for screen readers; the guide's note, said in the
page's language, is not marked.
"""

from dataclasses import dataclass, replace

from django.utils.translation import get_language, gettext

from core.i18n import default_language
from guide.models.settings import GuideSettings
from guide.public_contacts import contacts_to_show
from guide.referral import guide_note


@dataclass(frozen=True)
class CardCall:
    phone: str  # international form, for the ``tel:`` address
    display: str  # the number as a French reader writes it
    name: str  # whom the business calls: the contact's organisation
    note: str  # the referral note, in the active language
    note_language: str = ""  # the note's language when it is not the page's (a French fiche's)

    @property
    def action(self):
        """What the link says: « Appeler Alixio au 01 23 45 67 89 »."""
        return gettext("Appeler %(name)s au %(phone)s") % {"name": self.name, "phone": self.display}

    @property
    def label(self):
        """The card link's accessible name: whom, the number, then the referral note."""
        return f"{self.action}. {self.note}"


def first_call(shown):
    """The call of the first of ``shown`` (``ShownContact``, as ``contacts_to_show`` gives
    them) that has a phone, or None."""
    for line in shown:
        contact = line.contact
        if contact.phone:
            name = contact.organisation.name if contact.organisation_id else contact.name
            return CardCall(contact.phone, contact.phone_display, name, line.note)
    return None


def card_call(aid, guide_settings=None):
    """The « Appeler » link of ``aid``'s card in the active language, or None when no contact
    the public may see has a phone. ``guide_settings``: the settings of the fiche's guide when
    the caller has them (a page of the fiche's site: every public selection is of one site),
    else read (``GuideSettings.of_page``)."""
    if guide_settings is None:
        guide_settings = GuideSettings.of_page(aid)
    call = first_call(contacts_to_show(aid.contacts.all(), guide_settings))
    if call is None or not getattr(aid, "listed_in_french", False):
        return call
    if call.note == guide_note(guide_settings, get_language()):
        return call
    return replace(call, note_language=default_language())
