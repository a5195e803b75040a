"""The shared tables a fiche points to, loaded once per export or import and found by key.

Vocabularies by slug, company categories by INSEE code, territories by ``KIND-CODE`` (as in the
national schema), organisations and programmes by exact name, contacts by name + organisation.
"""

import difflib

from django.db.models import Q
from django.utils.translation import gettext as _

from guide.models import (
    AidType,
    Audience,
    CompanySize,
    Contact,
    FundingProgramme,
    Organisation,
    ProjectStage,
    Sector,
    Territory,
)

from .cells import CellError, quoted

# Up to this many values, an "unknown value" message lists them all.
LIST_ALL_UP_TO = 40


def same_text_key(text):
    """Two names are the same when they differ only in spacing and case (accents count)."""
    return " ".join((text or "").split()).casefold()


class Vocabulary:
    """One table seen through its stable key: ``resolve`` a key, ``key`` of a row."""

    def __init__(self, unknown, objects, key_of, list_all=True):
        self.unknown = unknown  # "%(value)s n'est pas un type d'aide connu."
        self.objects = list(objects)
        self.key_of = key_of
        self.list_all = list_all  # name every value in "unknown value" messages (short lists)
        self.by_pk = {obj.pk: obj for obj in self.objects}
        self.rank = {obj.pk: position for position, obj in enumerate(self.objects)}
        self.exact = {key_of(obj): obj for obj in self.objects}
        self.folded = {}
        for obj in self.objects:
            self.folded.setdefault(same_text_key(key_of(obj)), obj)

    def key(self, pk):
        obj = self.by_pk.get(pk)
        return self.key_of(obj) if obj is not None else ""

    def sorted_keys(self, pks):
        return [self.key(pk) for pk in sorted(pks, key=lambda pk: self.rank.get(pk, 0))]

    def get(self, pk):
        return self.by_pk.get(pk)

    def find(self, text):
        text = " ".join((text or "").split())
        return self.exact.get(text) or self.folded.get(same_text_key(text))

    def resolve(self, text):
        found = self.find(text)
        if found is None:
            raise CellError(self.unknown_message(text))
        return found

    def unknown_message(self, text):
        keys = [self.key_of(obj) for obj in self.objects]
        message = self.unknown % {"value": quoted(text)}
        by_fold = {same_text_key(key): key for key in keys}
        close = difflib.get_close_matches(same_text_key(text), list(by_fold), n=3, cutoff=0.6)
        if close:
            message += " " + _("Vouliez-vous dire %(keys)s ?") % {
                "keys": _(" ou ").join(quoted(by_fold[key]) for key in close)
            }
        if self.list_all and len(keys) <= LIST_ALL_UP_TO:
            message += " " + _("Valeurs possibles : %(keys)s.") % {"keys": ", ".join(keys)}
        return message


def of_site(queryset, site):
    """The records of ``queryset`` that belong to ``site`` or are shared (no site); all of them
    when the site is not known."""
    return queryset if site is None else queryset.filter(Q(site=site) | Q(site__isnull=True))


def programmes_of(site):
    """The programmes a fiche of ``site`` may name: the site's and those of no site (all of
    them when the site is not known)."""
    return of_site(FundingProgramme.objects.all(), site)


class References:
    """Every table an export or an import needs, each read with one query. ``site``: the
    territory whose guide is imported into; its organisations and contacts, its programmes
    (and those of no site) only."""

    def __init__(self, site=None):
        self.site = site
        self.vocabularies = {
            "aid_types": Vocabulary(
                _("%(value)s n'est pas un type d'aide connu."), AidType.objects.all(), slug_of
            ),
            "audiences": Vocabulary(
                _("%(value)s n'est pas un public connu."), Audience.objects.all(), slug_of
            ),
            "sectors": Vocabulary(
                _("%(value)s n'est pas un secteur d'activité connu."), Sector.objects.all(), slug_of
            ),
            "project_stages": Vocabulary(
                _("%(value)s n'est pas une étape du projet connue."),
                ProjectStage.objects.all(),
                slug_of,
            ),
            "company_sizes": Vocabulary(
                _("%(value)s n'est pas une catégorie d'entreprise INSEE connue."),
                CompanySize.objects.all(),
                code_of,
            ),
            "territories": Vocabulary(
                _("%(value)s n'est pas un territoire du guide (code COG, par exemple DEP-94)."),
                Territory.objects.all(),
                cog_of,
            ),
            "organisations": Vocabulary(
                _(
                    "%(value)s n'est pas une organisation du guide : créez-la d'abord dans "
                    "Acteurs du guide › Organisations, ou corrigez le nom."
                ),
                of_site(Organisation.objects.all(), site),
                name_of,
                list_all=False,
            ),
            "programmes": Vocabulary(
                _(
                    "%(value)s n'est pas un programme de financement du guide : créez-le d'abord "
                    "dans Acteurs du guide › Programmes, ou corrigez le nom."
                ),
                programmes_of(site),
                name_of,
                list_all=False,
            ),
        }
        self.contacts = {
            contact.pk: contact for contact in of_site(Contact.objects.order_by("pk"), site)
        }
        self.contacts_by_name = {}
        for contact in self.contacts.values():
            self.contacts_by_name.setdefault(
                (same_text_key(contact.name), contact.organisation_id), contact
            )

    def vocabulary(self, name):
        return self.vocabularies[name]

    def find_contact(self, name, organisation_id):
        return self.contacts_by_name.get((same_text_key(name), organisation_id))

    def aid_type_for_national(self, national_type):
        """The first aid type (in display order) carrying this national ``types_aides`` value."""
        for aid_type in self.vocabularies["aid_types"].objects:
            if aid_type.national_type == national_type:
                return aid_type
        return None


def slug_of(obj):
    return obj.slug


def code_of(obj):
    return obj.code


def cog_of(obj):
    return obj.cog_code


def name_of(obj):
    return obj.name
