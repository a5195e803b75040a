"""One published fiche as one record of the national schema (``dispositif-aide-professionnels``).

A record is a dict with exactly the schema's fields, in its order. Values are ``str``, ``int``
or ``None`` (nothing to say): the CSV writes ``None`` as an empty cell, the JSON as ``null``.
Every field with an equivalent in the guide is filled from the fiche; docs/open-data.md gives
the mapping field by field and why the others stay empty.

The national schema has no field for contacts: they are in a separate table
(``opendata.contacts``). Nor has it eligibility cases (« PME or PMI in the Val-de-Marne, PMI in
the Essonne »): ``opendata.cases`` flattens them into its fields, and ``eligibilite`` says each
case in a sentence.

Read the fiche with its relations prefetched (``AidPageQuerySet.with_relations``), and
build records under the site's language (French): the amounts are written in words.
"""

import datetime
import json
import zoneinfo

from django.utils.translation import gettext as _

from core.fields import lines_of
from guide.status import ManualState
from guide.validators import normalize_siren
from opendata.cases import FlatCases
from opendata.schema import field_names
from opendata.text import BULLET, clean_inline, join_sections, rich_text_to_plain

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
DESCRIPTION_MAX_LENGTH = 5000  # the schema's ``maxLength`` of ``description``
VALUE_SEPARATOR = "|"

# The guide is for businesses; an aid open to the social economy also reaches associations.
BUSINESSES = "professionnels"
ASSOCIATIONS = "associations"
ASSOCIATION_AUDIENCES = {"ess"}
ALL_SECTORS = "tous secteurs d'activité"  # the schema's wording for "no restriction"
INSEE_CATEGORIES = ("MIC", "PME", "ETI", "GE")

# ``porteurs`` roles, from the schema's table of roles.
OPERATOR_ROLE = "instructeur"
FUNDER_ROLE = "financeur"

# Territories from the widest to the narrowest, then by code.
TERRITORY_ORDER = {"PAYS": 0, "REG": 1, "DEP": 2, "EPCI": 3, "COM": 4}


def joined(values):
    """Values separated by pipes, as the schema writes lists; ``None`` when there are none.

    A pipe inside a value would split it in two: it becomes a slash.
    """
    values = [clean_inline(str(value)).replace(VALUE_SEPARATOR, "/") for value in values]
    values = [value for value in dict.fromkeys(values) if value]
    return VALUE_SEPARATOR.join(values) or None


def bulleted(heading, text):
    """A heading and one bullet per line of ``text`` (a ``LinesField``); "" without lines."""
    lines = [f"{BULLET}{clean_inline(line)}" for line in lines_of(text)]
    return "\n".join([heading, *lines]) if lines else ""


def start_of_day(date):
    """A date as the schema's ISO 8601 datetime: midnight in Paris."""
    if date is None:
        return None
    return datetime.datetime.combine(date, datetime.time.min, tzinfo=PARIS).isoformat()


def end_of_day(date):
    """A closing date (the last day to apply) as the last second of that day in Paris."""
    if date is None:
        return None
    moment = datetime.datetime.combine(date, datetime.time(23, 59, 59), tzinfo=PARIS)
    return moment.isoformat()


def moment(value):
    if value is None:
        return None
    return value.astimezone(PARIS).isoformat(timespec="seconds")


def updated_at(fiche):
    """When the published content of the fiche last changed."""
    return fiche.last_published_at or fiche.latest_revision_created_at or fiche.first_published_at


class NationalRecord:
    """Builds the record of one fiche; one method per field that needs more than a copy."""

    def __init__(self, fiche, fiche_url=None):
        self.fiche = fiche
        self.fiche_url = fiche_url
        self.cases = FlatCases(fiche)

    def as_dict(self):
        fiche = self.fiche
        values = {
            "id": str(fiche.aid_uuid),
            "titre": clean_inline(fiche.title),
            "promesse": clean_inline(fiche.promesse) or None,
            "description": self.description(),
            "eligibilite": self.eligibility(),
            "types_aides": joined(fiche.national_aid_types()),
            "porteurs": self.actors(),
            "programmes_parents": joined([fiche.programme.name] if fiche.programme else []),
            "url_source": self.fiche_url or None,
            "cibles": self.audiences(),
            "eligibilite_geographique": self.territories(),
            "eligibilite_geographique_exclusions": None,
            "date_ouverture": start_of_day(fiche.opening_date),
            "date_cloture": end_of_day(fiche.closing_date),
            "date_mise_a_jour": moment(updated_at(fiche)),
            "base_juridique": None,
            "eligibilite_effectif_minimal": self.cases.minimum("staff_min", "staff_min"),
            "eligibilite_effectif_maximal": self.cases.maximum("staff_max", "staff_max"),
            "eligibilite_categorie_taille_entreprise": self.company_sizes(),
            "eligibilite_annees_existence_minimal": self.cases.minimum(
                "min_years_in_business", "min_years_in_business"
            ),
            "eligibilite_forme_juridique": None,
            "eligibilite_forme_juridique_exclusions": None,
            "ciblage_secteur_activite": self.sectors(),
            "ciblage_naf": None,
            "ciblage_naf_exclusions": None,
            "chainage_paiement": None,
        }
        return {name: values[name] for name in field_names()}

    # Text ------------------------------------------------------------------------------------

    def description(self):
        """The description, then what the business gets (the schema recommends giving the
        amounts) and the expenses covered, examples of projects, how to apply, what to have at
        hand before calling (the fiche's own list only: the guide's default says nothing of
        this aid) and the operator's links. The schema has no field for any of these. At most
        5 000 characters: the description is shortened first, then the examples, how to apply
        and the list to have at hand; amounts, expenses covered and links are kept."""
        fiche = self.fiche
        sections = [
            (self.state_notice(), False),
            (rich_text_to_plain(fiche.description), True),
            (self.components_text(), False),
            (bulleted(_("Dépenses couvertes :"), fiche.covered_expenses), False),
            (bulleted(_("Exemples de projets :"), fiche.project_examples), True),
            (self.how_to_apply_text(), True),
            (bulleted(_("À préparer avant d'appeler :"), fiche.call_checklist), True),
            (self.links_text(), False),
        ]
        return join_sections(sections, DESCRIPTION_MAX_LENGTH) or None

    def state_notice(self):
        """An aid closed before its date has no field of its own in the schema: say it first."""
        state = self.fiche.manual_state
        if state == ManualState.EXHAUSTED:
            return _("Enveloppe épuisée : le dispositif ne reçoit plus de demandes.")
        if state == ManualState.SUSPENDED:
            return _("Dispositif suspendu : il ne reçoit pas de demandes pour le moment.")
        return ""

    def components_text(self):
        lines = []
        for component in self.fiche.financial_components.all():
            heading = component.title
            restrictions = [
                restriction.name
                for restriction in (component.territory, component.audience, component.sector)
                if restriction is not None
            ]
            if restrictions:
                heading = _("%(title)s (%(restrictions)s uniquement)") % {
                    "title": heading,
                    "restrictions": ", ".join(restrictions),
                }
            line = f"{BULLET}{heading}"
            facts = component.facts()
            if facts:
                line = f"{line} : {', '.join(facts)}"
            conditions = component.condition_lines()
            if conditions:
                line = f"{line} ({' ; '.join(conditions)})"
            lines.append(clean_inline(line))
        if not lines:
            return ""
        return "\n".join([_("Ce que l'entreprise obtient :"), *lines])

    def how_to_apply_text(self):
        text = rich_text_to_plain(self.fiche.how_to_apply)
        return f"{_('Comment demander :')}\n{text}" if text else ""

    def links_text(self):
        fiche = self.fiche
        lines = []
        if fiche.operator_url:
            lines.append(
                _("Page du dispositif chez l'opérateur : %(url)s") % {"url": fiche.operator_url}
            )
        if fiche.application_url:
            lines.append(_("Déposer une demande : %(url)s") % {"url": fiche.application_url})
        return "\n".join(lines)

    def eligibility(self):
        """One criterion per line, as bullets; the audiences the fiche names; then, for a
        fiche with cases, a note that eligibility differs by case and one bullet per case."""
        lines = [f"{BULLET}{clean_inline(line)}" for line in self.fiche.eligibility_lines()]
        audiences = [audience.name for audience in self.fiche.audiences.all()]
        if audiences:
            lines.append(
                f"{BULLET}{_('Publics visés')} : {', '.join(clean_inline(a) for a in audiences)}"
            )
        note = self.cases.note()
        if note:
            lines.append(note)
            lines.extend(f"{BULLET}{clean_inline(line)}" for line in self.cases.sentences())
        return "\n".join(lines) or None

    # Classification --------------------------------------------------------------------------

    def actors(self):
        """``porteurs``: the operator (who runs the aid and handles applications) and the
        funders, as a JSON list of ``{nom, siren, roles}``; ``siren`` is null when unknown."""
        fiche = self.fiche
        actors = {}

        def add(organisation, role):
            actor = actors.setdefault(
                organisation.pk,
                {
                    "nom": clean_inline(organisation.name),
                    "siren": normalize_siren(organisation.siren) or None,
                    "roles": [],
                },
            )
            if role not in actor["roles"]:
                actor["roles"].append(role)

        if fiche.operator_id:
            add(fiche.operator, OPERATOR_ROLE)
        for funder in sorted(fiche.funders.all(), key=lambda organisation: organisation.name):
            add(funder, FUNDER_ROLE)
        if not actors:
            return None
        return json.dumps(list(actors.values()), ensure_ascii=False)

    def audiences(self):
        slugs = {audience.slug for audience in self.cases.terms("audiences")}
        return joined([BUSINESSES, *([ASSOCIATIONS] if slugs & ASSOCIATION_AUDIENCES else [])])

    def territories(self):
        territories = sorted(
            self.cases.terms("territories"),
            key=lambda territory: (TERRITORY_ORDER.get(territory.kind, 9), territory.code),
        )
        return joined(territory.cog_code for territory in territories)

    def company_sizes(self):
        sizes = sorted(self.cases.terms("company_sizes"), key=lambda size: size.sort_order)
        return joined(size.code for size in sizes if size.code in INSEE_CATEGORIES)

    def sectors(self):
        """The schema requires the field and says "tous secteurs d'activité" when the aid is
        not restricted, which is what a fiche without sectors means in the guide."""
        sectors = sorted(self.cases.terms("sectors"), key=lambda sector: sector.sort_order)
        return joined(sector.name for sector in sectors) or ALL_SECTORS


def national_record(fiche, fiche_url=None):
    """The national record of a fiche; ``fiche_url`` is its public address (``url_source``)."""
    return NationalRecord(fiche, fiche_url).as_dict()
