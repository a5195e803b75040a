"""Whom to call, as open data: a table beside the national one, which has no contact field.

Personal data rule, the site's (``guide/public_contacts.py``): a contact line is published only
when its contact is a functional mailbox (``Contact.Kind.MAILBOX``) or a named person who agreed
to be published (``publication_consent``). Any other line is left out entirely: no name, no
e-mail, no phone, not even a row saying that there is someone. A fiche none of whose contacts
may be published has the territory's business contact instead, as on its page.
"""

from django.utils.translation import gettext_lazy as _

from guide.models import Contact
from guide.public_contacts import contacts_to_show
from opendata.text import clean_inline

CONTACT_FIELDS = [
    {
        "name": "id_dispositif",
        "title": _("Identifiant du dispositif"),
        "description": _("Le champ « id » du dispositif dans le fichier des dispositifs d'aide."),
        "type": "string",
        "format": "uuid",
        "constraints": {"required": True},
    },
    {
        "name": "rang",
        "title": _("Rang"),
        "description": _("Ordre du contact sur la fiche, à partir de 1."),
        "type": "integer",
        "constraints": {"required": True, "minimum": 1},
    },
    {
        "name": "type",
        "title": _("Type de contact"),
        "description": _(
            "« service » pour une boîte fonctionnelle ou un service, « personne » pour une "
            "personne nommée qui a accepté d'être publiée."
        ),
        "type": "string",
        "constraints": {"required": True, "enum": list(Contact.Kind.values)},
    },
    {
        "name": "nom",
        "title": _("Nom"),
        "description": _("Nom du service ou prénom et nom de la personne."),
        "type": "string",
        "constraints": {"required": True},
    },
    {
        "name": "fonction",
        "title": _("Fonction"),
        "description": _("Fonction de la personne ou rôle du service."),
        "type": "string",
    },
    {
        "name": "organisation",
        "title": _("Organisation"),
        "description": _("L'organisation du contact."),
        "type": "string",
        "constraints": {"required": True},
    },
    {
        "name": "email",
        "title": _("Adresse électronique"),
        "description": _("Adresse électronique professionnelle."),
        "type": "string",
        "format": "email",
    },
    {
        "name": "telephone",
        "title": _("Téléphone"),
        "description": _("Numéro au format international E.164, par exemple +33199001000."),
        "type": "string",
        "constraints": {"pattern": r"^\+[1-9][0-9]{4,14}$"},
    },
    {
        "name": "note_recommandation",
        "title": _("Note de recommandation"),
        "description": _(
            "Ce que l'entreprise dit en prenant contact, par exemple « À contacter de la part "
            "du Grand-Orly Seine Bièvre »."
        ),
        "type": "string",
    },
    {
        "name": "coordonnees_confirmees_le",
        "title": _("Coordonnées confirmées le"),
        "description": _("Date à laquelle le contact a confirmé ses coordonnées."),
        "type": "date",
    },
]


def contact_field_names():
    return [field["name"] for field in CONTACT_FIELDS]


def contacts_schema():
    """The contacts table's Table Schema, with its link to the national table's ``id``."""
    return {
        "fields": [
            {
                key: str(value) if key in ("title", "description") else value
                for key, value in field.items()
            }
            for field in CONTACT_FIELDS
        ],
        "primaryKey": ["id_dispositif", "rang"],
        "foreignKeys": [
            {
                "fields": "id_dispositif",
                "reference": {"resource": "dispositifs-aide", "fields": "id"},
            }
        ],
    }


def contact_rows(fiche, guide_settings):
    """The contacts the public sees of a fiche (prefetched ``contacts__contact__organisation``)
    of the guide of ``guide_settings``, numbered in the fiche's order. The numbering counts
    shown contacts only: a gap would tell that someone was left out.
    """
    rows = []
    for shown in contacts_to_show(fiche.contacts.all(), guide_settings):
        contact = shown.contact
        rows.append(
            {
                "id_dispositif": str(fiche.aid_uuid),
                "rang": len(rows) + 1,
                "type": contact.kind,
                "nom": clean_inline(contact.name),
                "fonction": clean_inline(contact.role) or None,
                "organisation": clean_inline(contact.organisation.name),
                "email": contact.email or None,
                "telephone": contact.phone or None,
                "note_recommandation": clean_inline(shown.note) or None,
                "coordonnees_confirmees_le": (
                    contact.last_confirmed.isoformat() if contact.last_confirmed else None
                ),
            }
        )
    return rows
