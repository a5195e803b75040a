"""One fiche as an API item (``schemas.FicheItem``) or detail (``schemas.FicheDetail``).

Read the fiches with their relations (``AidPageQuerySet.with_relations``) and build the items of a
page together (``FicheWriter.items``): the permanent links of the page's fiches are read in one
query, so a page costs the same number of queries whatever its size.

Contacts follow the site's personal data rule (``guide/public_contacts.py``): a functional
mailbox or a named person who agreed to be published, any other contact line left out entirely;
the territory's business contact when none of the fiche's may be published.
"""

from django.urls import reverse
from wagtail.models import Site

from api.rich_text import rich_text_html
from core.fields import lines_of
from guide.models import GuideSettings
from guide.public_contacts import contacts_to_show
from guide.status import Status
from guide.validators import normalize_siren
from opendata.records import PARIS, updated_at
from permalinks.models import PermanentLink


def vocabulary_item(item):
    return {"slug": item.slug, "libelle": item.label}


def territory_item(territory):
    return {"slug": territory.slug, "nom": territory.name, "code_cog": territory.cog_code}


def number(value):
    return float(value) if value is not None else None


def status_item(fiche):
    status = fiche.status
    days_left = status.days_left
    if status.code == Status.CLOSED or (days_left is not None and days_left < 0):
        days_left = None
    return {"code": status.code.value, "libelle": str(status.label), "jours_restants": days_left}


def operator_item(fiche):
    operator = fiche.operator
    if operator is None:
        return None
    return {
        "nom": operator.name,
        "sigle": operator.acronym or None,
        "siren": normalize_siren(operator.siren) or None,
    }


def optional_vocabulary_item(item):
    return vocabulary_item(item) if item is not None else None


def unit_share_item(component):
    if not component.unit_share_text:
        return None
    return {
        "unites_aidees": component.unit_share_count,
        "sur": component.unit_share_total,
        "texte": component.unit_share_text,
    }


def component_item(component):
    return {
        "nature": vocabulary_item(component.aid_type),
        "intitule": component.title,
        "montant": number(component.amount),
        "unite": {"code": component.unit, "libelle": str(component.get_unit_display())},
        "taux": number(component.rate),
        "duree_mois": component.duration_months,
        "plafond": number(component.ceiling),
        "part_maximale": number(component.max_share_percent),
        "part_maximale_de": component.max_share_basis or None,
        "jours_accompagnement": component.advisory_days,
        "part_des_unites": unit_share_item(component),
        "territoire": territory_item(component.territory) if component.territory_id else None,
        "public": optional_vocabulary_item(component.audience),
        "secteur": optional_vocabulary_item(component.sector),
        "conditions": component.condition_lines(),
        "resume": component.facts(),
    }


def company_size_item(size):
    return {**vocabulary_item(size), "code_insee": size.code}


def establishment_item(case):
    if not case.establishment:
        return None
    return {"code": case.establishment, "libelle": str(case.get_establishment_display())}


def case_item(case):
    """One eligibility case (``EligibilityCase``), its vocabularies prefetched."""
    return {
        "nom": case.name,
        "territoires": [territory_item(item) for item in case.territories.all()],
        "publics": [vocabulary_item(item) for item in case.audiences.all()],
        "categories_entreprise": [company_size_item(item) for item in case.company_sizes.all()],
        "secteurs": [vocabulary_item(item) for item in case.sectors.all()],
        "etapes": [vocabulary_item(item) for item in case.project_stages.all()],
        "effectif_minimal": case.staff_min,
        "effectif_maximal": case.staff_max,
        "annees_existence_minimal": case.min_years_in_business,
        "emplois_crees_minimal": case.min_jobs_created,
        "implantation": establishment_item(case),
    }


def call_checklist_item(fiche, guide_settings):
    """« Préparez votre appel »: the fiche's own list, else its guide's default list in the
    active language (as the fiche shows it), and which of the two it is."""
    own = lines_of(fiche.call_checklist)
    if own:
        return {"elements": own, "source": "fiche"}
    default = guide_settings.localized_call_checklist if guide_settings else []
    return {"elements": default, "source": "guide"}


def contact_item(shown):
    contact = shown.contact
    return {
        "type": contact.kind,
        "nom": contact.name,
        "fonction": contact.role or None,
        "organisation": contact.organisation.name,
        "email": contact.email or None,
        "telephone": contact.phone or None,
        "note_recommandation": shown.note,
    }


class FicheWriter:
    """Builds the items of one request (its host, its language) for prefetched fiches."""

    def __init__(self, request):
        self.request = request
        self.codes = {}
        self.guide_settings = GuideSettings.of_site(Site.find_for_request(request))

    def load_codes(self, fiches):
        uuids = [fiche.aid_uuid for fiche in fiches]
        self.codes.update(
            PermanentLink.objects.filter(aid_uuid__in=uuids).values_list("aid_uuid", "code")
        )

    def permanent_url(self, fiche):
        code = self.codes.get(fiche.aid_uuid)
        if code is None:  # a fiche saved before permanent links existed: created once
            code = PermanentLink.objects.for_uuid(fiche.aid_uuid, fiche.title).code
            self.codes[fiche.aid_uuid] = code
        # Under the active language: /a/<code>/ in French, /en/a/<code>/ in English.
        return self.request.build_absolute_uri(reverse("permalinks:short_link", args=[code]))

    def item(self, fiche):
        permanent = self.permanent_url(fiche)
        path = fiche.get_url(self.request)
        updated = updated_at(fiche)
        return {
            "id": fiche.aid_uuid,
            "titre": fiche.title,
            "promesse": fiche.promesse,
            "url": self.request.build_absolute_uri(path) if path else permanent,
            "lien_permanent": permanent,
            "statut": status_item(fiche),
            "date_ouverture": fiche.opening_date,
            "date_cloture": fiche.closing_date,
            "types": [vocabulary_item(item) for item in fiche.aid_types.all()],
            "publics": [vocabulary_item(item) for item in fiche.audiences.all()],
            "secteurs": [vocabulary_item(item) for item in fiche.sectors.all()],
            "etapes": [vocabulary_item(item) for item in fiche.project_stages.all()],
            "territoires": [territory_item(item) for item in fiche.territories.all()],
            "operateur": operator_item(fiche),
            "volets": [component_item(item) for item in fiche.financial_components.all()],
            "eligibilite": fiche.eligibility_lines(),
            "depenses_couvertes": lines_of(fiche.covered_expenses),
            "exemples_de_projets": lines_of(fiche.project_examples),
            "lien_demande": fiche.application_url or None,
            "cas_eligibilite": [case_item(case) for case in fiche.eligibility_cases.all()],
            "contacts": [
                contact_item(shown)
                for shown in contacts_to_show(fiche.contacts.all(), self.guide_settings)
            ],
            "date_mise_a_jour": (
                updated.astimezone(PARIS).replace(microsecond=0) if updated else None
            ),
        }

    def items(self, fiches):
        self.load_codes(fiches)
        return [self.item(fiche) for fiche in fiches]

    def detail(self, fiche):
        self.load_codes([fiche])
        return {
            **self.item(fiche),
            "description": rich_text_html(fiche.description, self.request),
            "comment_en_beneficier": rich_text_html(fiche.how_to_apply, self.request),
            "preparez_votre_appel": call_checklist_item(fiche, self.guide_settings),
        }
