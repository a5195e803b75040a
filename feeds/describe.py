"""What the feeds and calendars say about a fiche, as short plain text in the active language.

Reads only what ``selection`` prefetches (financial components, aid types, contacts), so that
describing many fiches costs no query per fiche.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guide.formatting import format_long_date
from guide.models.aid_page import Recurrence
from guide.public_contacts import contacts_to_show
from guide.referral import guide_note
from guide.status import Status


def status_text(fiche):
    """ "Ouvert", "Ferme bientôt", "Enveloppe épuisée", "À venir : ouvre le 3 janvier 2027"..."""
    status = fiche.status
    if status.code == Status.UPCOMING and fiche.opening_date:
        return _("À venir : ouvre le %(date)s") % {"date": format_long_date(fiche.opening_date)}
    return str(status.label)


def deadline_text(fiche):
    if fiche.closing_date:
        return _("date limite : %(date)s") % {"date": format_long_date(fiche.closing_date)}
    if fiche.recurrence == Recurrence.PERMANENT:
        return _("dispositif permanent, sans date limite")
    return _("date limite non communiquée")


def status_and_deadline(fiche):
    return f"{status_text(fiche)} – {deadline_text(fiche)}"


def figure_lines(fiche):
    """Each financial component with its key figures, e.g. "Prêt à taux zéro : 15 000 € par
    emploi créé, plafond 225 000 €"."""
    lines = []
    for component in fiche.financial_components.all():
        facts = component.key_facts()
        if facts:
            lines.append(
                _("%(label)s : %(facts)s") % {"label": component.title, "facts": ", ".join(facts)}
            )
    return lines


def summary_lines(fiche):
    """The Atom summary: the promesse, the headline figure, the status and the deadline."""
    lines = [fiche.promesse, fiche.headline(), status_and_deadline(fiche)]
    return [line for line in lines if line]


def contact_text(contact):
    who = f"{contact.name}, {contact.role}" if contact.role else contact.name
    if contact.organisation_id:
        who = f"{who} ({contact.organisation.name})"
    channels = [contact.phone_display if contact.phone else "", contact.email]
    return " – ".join([who, *(channel for channel in channels if channel)])


def contact_lines(fiche, guide_settings):
    """Whom to call, each contact after the referral note to mention, as on the fiche: the
    contacts the public may see, else the territory's business contact
    (``guide/public_contacts.py``); the note alone when there is neither."""
    language = get_language()
    lines = [
        f"{quoted(shown.note)} – {contact_text(shown.contact)}"
        for shown in contacts_to_show(fiche.contacts.all(), guide_settings, language)
    ]
    return lines or [quoted(guide_note(guide_settings, language))]


def quoted(text):
    """« text » in French, “text” in English."""
    return _("« %(text)s »") % {"text": text}


def event_description(fiche, guide_settings, url):
    """The DESCRIPTION of a fiche's calendar events: promesse, figures, status, contacts, link."""
    blocks = [
        [fiche.promesse],
        figure_lines(fiche),
        [status_and_deadline(fiche)],
        [_("Qui contacter :"), *contact_lines(fiche, guide_settings)],
        [_("La fiche : %(url)s") % {"url": url}],
    ]
    return "\n\n".join("\n".join(block) for block in blocks if any(block))
