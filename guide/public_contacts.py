"""Which contacts the public sees: the personal-data rule, in one place.

A contact reaches the public (the fiche page, its calendar files, the API, the open data, the
business contact of the footer, the home page and the listing) only when ``may_publish`` says
so: a published contact (contacts have drafts: ``guide/models/reviewed.py``) that is a
functional mailbox, or a named person who agreed to be published
(``Contact.publication_consent``). Anyone else is left out entirely: no name, no e-mail, no
phone, not even a line saying that someone was left out.

A fiche none of whose contacts may be published points to its territory's business contact
(``GuideSettings.business_contact``, when that one may be published), with the guide's referral
note: a business always finds someone to call, and says who sent it.

Every public output reads ``contacts_to_show`` (a fiche's contacts) or
``shown_business_contact`` (the territory's); none filters contacts itself, so a condition added
to ``may_publish`` reaches them all.
"""

from dataclasses import dataclass

from django.utils.translation import get_language

from guide.referral import guide_note, note_to_show


def may_publish(contact, drafts=False):
    """A published contact (``guide/models/reviewed.py``: a record never published is shown
    nowhere; ``drafts``: a fiche's preview, where its reviewer sees the new contacts that will
    go live with it), and a functional mailbox or a named person who agreed to be published."""
    # The choices through the instance: guide/models imports this module.
    if not (drafts or contact.live):
        return False
    return contact.kind == contact.Kind.MAILBOX or contact.publication_consent


@dataclass(frozen=True)
class ShownContact:
    """A contact as the public sees it, with the referral note to mention. ``fallback``: the
    territory's business contact, shown because none of the fiche's contacts may be."""

    contact: object  # guide.models.Contact
    note: str
    fallback: bool = False


def shown_business_contact(guide_settings):
    """The territory's business contact of ``guide_settings`` (None: no settings) when it may be
    published; else None."""
    contact = guide_settings.business_contact if guide_settings else None
    return contact if contact is not None and may_publish(contact) else None


def contacts_to_show(lines, guide_settings, language=None, drafts=False):
    """What the public sees of a fiche's contact lines (``AidContact``, in the fiche's order) on
    a fiche of the guide of ``guide_settings`` (None: the built-in texts), in ``language`` (by
    default the active one): the lines whose contact may be published, each with the note it
    shows (``guide/referral.py``); if there is none, the territory's business contact with the
    guide's note; if that one may not be published either, nothing. ``drafts``: a preview
    (``may_publish``)."""
    language = language or get_language()
    shown = [
        ShownContact(line.contact, note_to_show(line.referral_note, language, guide_settings))
        for line in lines
        if line.contact_id is not None and may_publish(line.contact, drafts)
    ]
    if not shown:
        contact = shown_business_contact(guide_settings)
        if contact is not None:
            shown.append(ShownContact(contact, guide_note(guide_settings, language), True))
    return shown
