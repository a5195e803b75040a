"""The column format of the fiches file: one row per fiche, one declarative list of columns.

Each column has its key (ASCII snake_case, stable: the headers of the exports made before
2026-12), its title (the French header an export writes, « Date de clôture »), its French
meaning, an example, and the codec that reads and writes its cells (``cells.py``). The import
reads either header (``key_for_header``). Financial components and contacts are numbered
groups of columns (``volet_1_nature`` / « Volet 1 · nature »...), and so are a fiche's
eligibility cases (``cas_1_territoires`` / « Cas 1 · territoires »: one group per case, its
criteria in the same notation as the fiche's own). The informative columns at
the end of an export are ignored on import, except « Version exportée » (and, in older
exports, ``modifiee_le``): what the import compares with the fiche's latest revision.
``docs/import-export.md`` documents this list.

The titles are part of the file format, like the keys: they are French whatever the language
of the admin, and are not translated.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guide.models import AidPage, Establishment, FinancialComponent, Recurrence
from guide.models.aid_page import DESCRIPTION_FEATURES, HOW_TO_APPLY_FEATURES
from guide.status import ManualState

from .cells import (
    BooleanCodec,
    ChoiceCodec,
    DateCodec,
    DecimalCodec,
    HtmlCodec,
    IntegerCodec,
    LinesCodec,
    ReferenceCodec,
    TextCodec,
    UuidCodec,
)

MIN_VOLETS = 3
MIN_CONTACTS = 2
MIN_CASES = 1


@dataclass(frozen=True)
class Column:
    header: str
    label: str
    example: str = ""
    codec: object = None
    field: str = ""  # model field: the fiche's, a component's, or a contact line part
    group: str = "fiche"  # "fiche", "cas", "volet", "contact" or "info" (export only)
    number: int = 0  # the group's number, from 1

    @property
    def read_only(self):
        return self.group == "info"

    @property
    def title(self):
        """The French header an export writes."""
        if self.group in GROUP_TITLES:
            suffix = self.header.split("_", 2)[2]
            part = GROUP_TITLES[self.group][suffix]
            return f"{self.group.capitalize()} {self.number} · {part}"
        return TITLES[self.header]


FICHE_COLUMNS = [
    Column(
        "uuid",
        _(
            "Identifiant national de la fiche (le « id » du schéma national). Clé de l'import : "
            "une ligne dont l'uuid existe met à jour cette fiche ; vide ou inconnu, une nouvelle "
            "fiche est créée (avec cet uuid s'il est donné)."
        ),
        "6263dd1a-0935-558c-87ff-4a3dc86f9f30",
        UuidCodec(),
        "aid_uuid",
    ),
    Column(
        "titre",
        _("Titre de la fiche (obligatoire)."),
        "Alixio – Accompagnement des PME-PMI du Val-de-Marne et de l'Essonne",
        TextCodec(),
        "title",
    ),
    Column(
        "slug",
        _(
            "Fin de l'adresse de la fiche. Vide : gardée telle quelle (fiche existante) ou "
            "calculée depuis le titre (nouvelle fiche)."
        ),
        "alixio-pme-pmi-val-de-marne-essonne",
        TextCodec(),
        "slug",
    ),
    Column(
        "promesse",
        _("6 à 15 mots, à l'impératif, 180 caractères au plus."),
        "Financez vos recrutements en CDI sans caution personnelle",
        TextCodec(),
        "promesse",
    ),
    Column(
        "description",
        _("Description en HTML de Wagtail (paragraphes <p>, listes, liens, titres <h3>)."),
        "<p>Un prêt à taux zéro pour chaque emploi créé.</p>",
        HtmlCodec(DESCRIPTION_FEATURES),
        "description",
    ),
    Column(
        "depenses_couvertes",
        _(
            "Dépenses couvertes, une par ligne (retour à la ligne dans la cellule), avec les mots "
            "d'un chef d'entreprise."
        ),
        "Matériel et équipements (four, machine, véhicule utilitaire)\nTravaux d'aménagement",
        LinesCodec(),
        "covered_expenses",
    ),
    Column(
        "exemples_projets",
        _("Exemples de projets, un par ligne (retour à la ligne dans la cellule)."),
        "Une boulangerie qui remplace son four",
        LinesCodec(),
        "project_examples",
    ),
    Column(
        "comment_en_beneficier",
        _(
            "« Comment demander » : les étapes de la demande, en liste numérotée, et les pièces "
            "à fournir, en HTML de Wagtail ou en texte (sans titres)."
        ),
        "1. Appelez le chargé de mission.\n2. Déposez votre dossier en ligne.",
        HtmlCodec(HOW_TO_APPLY_FEATURES),
        "how_to_apply",
    ),
    Column(
        "preparez_votre_appel",
        _(
            "Ce que l'entreprise doit avoir sous la main avant d'appeler, un élément par ligne. "
            "Vide : la liste par défaut des paramètres du guide."
        ),
        "Votre numéro SIRET\nLe devis, non signé",
        LinesCodec(),
        "call_checklist",
    ),
    Column(
        "operateur",
        _(
            "Nom exact de l'organisation qui porte le dispositif "
            "(Acteurs du guide › Organisations)."
        ),
        "Alixio",
        ReferenceCodec("organisations"),
        "operator",
    ),
    Column(
        "financeurs",
        _("Noms exacts des organisations qui financent, séparés par « | »."),
        "État – DDETS | Grand-Orly Seine Bièvre",
        ReferenceCodec("organisations", many=True),
        "funders",
    ),
    Column(
        "programme",
        _("Nom exact du programme de financement (Acteurs du guide › Programmes)."),
        "Conventions de revitalisation du Grand-Orly Seine Bièvre",
        ReferenceCodec("programmes"),
        "programme",
    ),
    Column(
        "url_dispositif",
        _("Page du dispositif chez l'opérateur (« Plus d'info »)."),
        "https://www.example.org/dispositif",
        TextCodec(),
        "operator_url",
    ),
    Column(
        "url_demande",
        _("Lien pour déposer une demande."),
        "https://www.example.org/demande",
        TextCodec(),
        "application_url",
    ),
    Column(
        "publics",
        _("Publics, par identifiant, séparés par « | ». Vide : toutes les entreprises."),
        "tpe | pme",
        ReferenceCodec("audiences", many=True),
        "audiences",
    ),
    Column(
        "categories_entreprise",
        _("Catégories d'entreprise INSEE (MIC, PME, ETI, GE), séparées par « | »."),
        "MIC | PME",
        ReferenceCodec("company_sizes", many=True),
        "company_sizes",
    ),
    Column("effectif_min", _("Effectif minimum."), "0", IntegerCodec(), "staff_min"),
    Column(
        "effectif_max",
        _("Effectif maximum (49 pour « moins de 50 salariés »)."),
        "49",
        IntegerCodec(),
        "staff_max",
    ),
    Column(
        "annees_existence_min",
        _("Années d'existence minimum."),
        "2",
        IntegerCodec(),
        "min_years_in_business",
    ),
    Column(
        "emplois_crees_min",
        _("Nombre minimum d'emplois à créer."),
        "3",
        IntegerCodec(),
        "min_jobs_created",
    ),
    Column(
        "secteurs",
        _("Secteurs d'activité, par identifiant, séparés par « | ». Vide : tous les secteurs."),
        "industrie | btp",
        ReferenceCodec("sectors", many=True),
        "sectors",
    ),
    Column(
        "etapes_projet",
        _("Étapes du projet, par identifiant, séparées par « | »."),
        "recrutement | investissement",
        ReferenceCodec("project_stages", many=True),
        "project_stages",
    ),
    Column(
        "territoires",
        _("Territoire couvert, en codes COG séparés par « | » (COM-, EPCI-, DEP-, REG-, PAYS-)."),
        "DEP-94 | DEP-91",
        ReferenceCodec("territories", many=True),
        "territories",
    ),
    Column(
        "eligibilite",
        _("Conditions d'éligibilité, une par ligne (retour à la ligne dans la cellule)."),
        "Entreprise du territoire\nAu moins 3 créations nettes d'emplois",
        TextCodec(multiline=True),
        "eligibility",
    ),
    Column(
        "types_aide",
        _("Types d'aide, par identifiant, séparés par « | »."),
        "pret | subvention",
        ReferenceCodec("aid_types", many=True),
        "aid_types",
    ),
    Column("date_ouverture", _("Date d'ouverture."), "2026-01-01", DateCodec(), "opening_date"),
    Column(
        "date_cloture",
        _("Dernier jour pour déposer une demande. Vide pour un dispositif permanent."),
        "2026-12-31",
        DateCodec(),
        "closing_date",
    ),
    Column(
        "recurrence",
        _("ponctuelle, permanente ou recurrente. Vide : ponctuelle."),
        "ponctuelle",
        ChoiceCodec(Recurrence.choices, default=Recurrence.ONE_OFF),
        "recurrence",
    ),
    Column(
        "etat",
        _("Vide (selon les dates), epuisee (enveloppe épuisée) ou suspendu."),
        "epuisee",
        ChoiceCodec(ManualState.choices),
        "manual_state",
    ),
    Column(
        "verifiee_le",
        _("Date du dernier contrôle des informations auprès de l'opérateur."),
        "2026-11-02",
        DateCodec(),
        "last_verified",
    ),
    Column(
        "mise_en_avant",
        _("oui pour mettre la fiche en avant sur l'accueil, sinon non."),
        "non",
        BooleanCodec(),
        "is_featured",
    ),
]

# Parts of a financial component group: (suffix, component field, codec, meaning, example).
VOLET_PARTS = [
    (
        "nature",
        "aid_type",
        ReferenceCodec("aid_types"),
        _(
            "Type d'aide du volet (obligatoire si le volet est rempli), l'un des types_aide "
            "de la fiche."
        ),
        "pret",
    ),
    ("intitule", "label", TextCodec(), _("Intitulé court."), "Prêt à taux zéro"),
    (
        "montant",
        "amount",
        DecimalCodec(),
        _("Montant en euros (par unité si l'unité n'est pas « beneficiaire »)."),
        "15000",
    ),
    (
        "unite",
        "unit",
        ChoiceCodec(
            FinancialComponent.Unit.choices, default=FinancialComponent.Unit.PER_BENEFICIARY
        ),
        _(
            "Unité du montant : beneficiaire, emploi_cree, recrutement, salarie, mois ou an. "
            "Vide : beneficiaire."
        ),
        "emploi_cree",
    ),
    ("taux", "rate", DecimalCodec(), _("Taux en % (0 pour un prêt à taux zéro)."), "0"),
    ("duree_mois", "duration_months", IntegerCodec(), _("Durée en mois."), "60"),
    ("plafond", "ceiling", DecimalCodec(), _("Plafond en euros par entreprise."), "225000"),
    ("part_max", "max_share_percent", DecimalCodec(), _("Part maximale en %."), "33.33"),
    (
        "part_de",
        "max_share_basis",
        TextCodec(),
        _("De quoi la part maximale est calculée."),
        "du programme d'emplois",
    ),
    (
        "unites_aidees",
        "unit_share_count",
        IntegerCodec(),
        _(
            "Pour un montant par unité accordé à une part des unités seulement : le nombre "
            "d'unités aidées (1 pour « au plus 1 emploi sur 3 »). Avec unites_sur."
        ),
        "1",
    ),
    (
        "unites_sur",
        "unit_share_total",
        IntegerCodec(),
        _("Sur combien d'unités (3 pour « au plus 1 emploi sur 3 »)."),
        "3",
    ),
    ("jours", "advisory_days", IntegerCodec(), _("Jours d'accompagnement."), "10"),
    (
        "territoire",
        "territory",
        ReferenceCodec("territories"),
        _("Réservé à ce territoire (code COG)."),
        "DEP-91",
    ),
    (
        "public",
        "audience",
        ReferenceCodec("audiences"),
        _("Réservé à ce public (identifiant)."),
        "pmi",
    ),
    (
        "secteur",
        "sector",
        ReferenceCodec("sectors"),
        _("Réservé à ce secteur d'activité (identifiant)."),
        "industrie",
    ),
    (
        "conditions",
        "conditions",
        TextCodec(multiline=True),
        _("Conditions, une par ligne."),
        "Indissociable du prêt",
    ),
]

# Parts of a volet group added in 2026-12: a file made before may lack them (its volets keep
# those fields as they are).
OPTIONAL_VOLET_PARTS = {"unites_aidees", "unites_sur", "public", "secteur"}

# Parts of an eligibility case group (one group per case; a business is eligible when the
# fiche's own criteria hold and those of at least one case): (suffix, case field, codec,
# meaning, example). The same notation as the fiche's criteria.
CASE_PARTS = [
    (
        "territoires",
        "territories",
        ReferenceCodec("territories", many=True),
        _(
            "Territoires de ce cas, en codes COG séparés par « | » : une partie du territoire "
            "de la fiche. Un cas se remplit quand les conditions diffèrent selon le territoire "
            "ou le public ; laissez le groupe vide sinon."
        ),
        "DEP-91",
    ),
    (
        "implantation",
        "establishment",
        ChoiceCodec(Establishment.choices),
        _(
            "Vide (sans condition), implantee (déjà implantée sur le territoire) ou "
            "implantee-ou-en-cours (implantée ou en cours d'implantation)."
        ),
        "implantee-ou-en-cours",
    ),
    (
        "publics",
        "audiences",
        ReferenceCodec("audiences", many=True),
        _("Publics de ce cas, par identifiant, séparés par « | »."),
        "pmi",
    ),
    (
        "categories_entreprise",
        "company_sizes",
        ReferenceCodec("company_sizes", many=True),
        _("Catégories d'entreprise INSEE de ce cas (MIC, PME, ETI, GE), séparées par « | »."),
        "PME",
    ),
    ("effectif_min", "staff_min", IntegerCodec(), _("Effectif minimum dans ce cas."), "10"),
    ("effectif_max", "staff_max", IntegerCodec(), _("Effectif maximum dans ce cas."), "249"),
    (
        "annees_existence_min",
        "min_years_in_business",
        IntegerCodec(),
        _("Années d'existence minimum dans ce cas."),
        "2",
    ),
    (
        "emplois_crees_min",
        "min_jobs_created",
        IntegerCodec(),
        _("Nombre minimum d'emplois à créer dans ce cas."),
        "3",
    ),
    (
        "secteurs",
        "sectors",
        ReferenceCodec("sectors", many=True),
        _("Secteurs d'activité de ce cas, par identifiant, séparés par « | »."),
        "industrie",
    ),
    (
        "etapes_projet",
        "project_stages",
        ReferenceCodec("project_stages", many=True),
        _("Étapes du projet de ce cas, par identifiant, séparées par « | »."),
        "recrutement",
    ),
]

# Parts of a contact group: (suffix, part, codec, meaning, example).
CONTACT_PARTS = [
    (
        "nom",
        "name",
        TextCodec(),
        _("Nom du contact (personne ou service), obligatoire si le contact est rempli."),
        "Edith Blard",
    ),
    (
        "organisation",
        "organisation",
        ReferenceCodec("organisations"),
        _("Nom exact de son organisation."),
        "Alixio",
    ),
    (
        "email",
        "email",
        TextCodec(),
        _("E-mail (sert seulement à créer un contact nouveau)."),
        "contact@example.org",
    ),
    (
        "telephone",
        "phone",
        TextCodec(),
        _("Téléphone (sert seulement à créer un contact nouveau)."),
        "01 23 45 67 89",
    ),
    (
        "note",
        "referral_note",
        TextCodec(),
        _("Note de recommandation de cette fiche."),
        "À contacter de la part du Grand-Orly Seine Bièvre",
    ),
]

# The French headers of the export (keys: the ASCII headers, still read by the import).
TITLES = {
    "uuid": "Identifiant (uuid)",
    "titre": "Titre",
    "slug": "Adresse de la page",
    "promesse": "Promesse",
    "description": "Description",
    "depenses_couvertes": "Dépenses couvertes",
    "exemples_projets": "Exemples de projets",
    "comment_en_beneficier": "Comment demander",
    "preparez_votre_appel": "Préparez votre appel",
    "operateur": "Opérateur",
    "financeurs": "Financeurs",
    "programme": "Programme",
    "url_dispositif": "Page du dispositif",
    "url_demande": "Lien de la demande",
    "publics": "Publics",
    "categories_entreprise": "Catégories d'entreprise",
    "effectif_min": "Effectif minimum",
    "effectif_max": "Effectif maximum",
    "annees_existence_min": "Années d'existence minimum",
    "emplois_crees_min": "Emplois créés minimum",
    "secteurs": "Secteurs",
    "etapes_projet": "Étapes du projet",
    "territoires": "Territoires",
    "eligibilite": "Éligibilité",
    "types_aide": "Types d'aide",
    "date_ouverture": "Date d'ouverture",
    "date_cloture": "Date de clôture",
    "recurrence": "Récurrence",
    "etat": "État",
    "verifiee_le": "Vérifiée le",
    "mise_en_avant": "Mise en avant",
    "version_exportee": "Version exportée",
    "exportee_le": "Exportée le",
    "statut_publication": "Publication",
    "statut": "Statut",
    "url": "Adresse publique",
    "modifiee_le": "Modifiée le",
}
VOLET_TITLES = {
    "nature": "nature",
    "intitule": "intitulé",
    "montant": "montant (€)",
    "unite": "unité",
    "taux": "taux (%)",
    "duree_mois": "durée (mois)",
    "plafond": "plafond (€)",
    "part_max": "part maximale (%)",
    "part_de": "part de",
    "unites_aidees": "unités aidées au plus",
    "unites_sur": "sur (unités)",
    "jours": "jours d'accompagnement",
    "territoire": "territoire",
    "public": "public",
    "secteur": "secteur",
    "conditions": "conditions",
}
CASE_TITLES = {
    "territoires": "territoires",
    "implantation": "implantation",
    "publics": "publics",
    "categories_entreprise": "catégories d'entreprise",
    "effectif_min": "effectif minimum",
    "effectif_max": "effectif maximum",
    "annees_existence_min": "années d'existence minimum",
    "emplois_crees_min": "emplois créés minimum",
    "secteurs": "secteurs",
    "etapes_projet": "étapes du projet",
}
CONTACT_TITLES = {
    "nom": "nom",
    "organisation": "organisation",
    "email": "e-mail",
    "telephone": "téléphone",
    "note": "note",
}
GROUP_TITLES = {"cas": CASE_TITLES, "volet": VOLET_TITLES, "contact": CONTACT_TITLES}

VERSION_KEY = "version_exportee"
# The date of the latest revision, the only version an export made before 2026-12 carries.
OLD_VERSION_DATE_KEY = "modifiee_le"

INFO_COLUMNS = [
    Column(
        VERSION_KEY,
        _(
            "Numéro de la version de la fiche exportée (sa dernière révision). L'import refuse "
            "une ligne dont la fiche a changé depuis, sauf si vous le confirmez pour cette "
            "ligne. Ne la modifiez pas."
        ),
        "1234",
        group="info",
    ),
    Column(
        "exportee_le",
        _("Export seulement : date et heure de l'export."),
        "07/12/2026 09:30",
        group="info",
    ),
    Column(
        "statut_publication",
        _("Export seulement : publiée, publiée avec des modifications en attente, ou brouillon."),
        "publiée",
        group="info",
    ),
    Column(
        "statut",
        _("Export seulement : statut calculé (ouvert, ferme bientôt, à venir, clôturé)."),
        "Ouvert",
        group="info",
    ),
    Column(
        "url",
        _("Export seulement : adresse publique de la fiche publiée."),
        "https://…/aides/alixio-pme-pmi-val-de-marne-essonne/",
        group="info",
    ),
    Column(
        "modifiee_le",
        _("Export seulement : date de la dernière modification."),
        "2026-11-22",
        group="info",
    ),
]


def volet_columns(number):
    return [
        Column(f"volet_{number}_{suffix}", label, example, codec, name, "volet", number)
        for suffix, name, codec, label, example in VOLET_PARTS
    ]


def case_columns(number):
    return [
        Column(f"cas_{number}_{suffix}", label, example, codec, name, "cas", number)
        for suffix, name, codec, label, example in CASE_PARTS
    ]


def contact_columns(number):
    return [
        Column(f"contact_{number}_{suffix}", label, example, codec, part, "contact", number)
        for suffix, part, codec, label, example in CONTACT_PARTS
    ]


def all_columns(volets=MIN_VOLETS, contacts=MIN_CONTACTS, info=True, cases=MIN_CASES):
    columns = list(FICHE_COLUMNS)
    for number in range(1, cases + 1):
        columns += case_columns(number)
    for number in range(1, volets + 1):
        columns += volet_columns(number)
    for number in range(1, contacts + 1):
        columns += contact_columns(number)
    if info:
        columns += INFO_COLUMNS
    return columns


GROUP_HEADER = re.compile(r"(volet|contact|cas)_(\d{1,3})_([a-z_]+)")
GROUP_TITLE = re.compile(r"(volet|contact|cas) +(\d{1,3}) *[·.:–—-] *(.+)")
GROUP_COLUMNS = {"cas": case_columns, "volet": volet_columns, "contact": contact_columns}
FICHE_BY_HEADER = {column.header: column for column in FICHE_COLUMNS}
INFO_HEADERS = {column.header for column in INFO_COLUMNS} | {OLD_VERSION_DATE_KEY}


def _folded(text):
    return " ".join(str(text).split()).casefold()


# Titles of exports made before 2026-12, still read by the import.
OLD_TITLES = {"comment_en_beneficier": "Comment en bénéficier"}
KEY_BY_TITLE = {_folded(title): key for key, title in [*OLD_TITLES.items(), *TITLES.items()]}
PART_BY_TITLE = {
    group: {_folded(title): suffix for suffix, title in titles.items()}
    for group, titles in GROUP_TITLES.items()
}


def key_for_header(header):
    """The column key a file's header names: the key itself (``date_cloture``), or its French
    title (« Date de clôture », case and repeated spaces forgiven); the header unchanged when
    it names no column."""
    if header in FICHE_BY_HEADER or header in INFO_HEADERS or GROUP_HEADER.fullmatch(header):
        return header
    folded = _folded(header)
    if folded in KEY_BY_TITLE:
        return KEY_BY_TITLE[folded]
    match = GROUP_TITLE.fullmatch(folded)
    if match:
        group, number, part = match.groups()
        suffix = PART_BY_TITLE[group].get(part)
        if suffix:
            return f"{group}_{int(number)}_{suffix}"
    return header


def column_for_header(header):
    """The column a file's header names, or None (unknown or informative)."""
    if header in FICHE_BY_HEADER:
        return FICHE_BY_HEADER[header]
    match = GROUP_HEADER.fullmatch(header)
    if not match:
        return None
    group, number = match.group(1), int(match.group(2))
    if number < 1:
        return None
    for column in GROUP_COLUMNS[group](number):
        if column.header == header:
            return column
    return None


def header_for_field(name):
    """The header of a fiche field (for a model error on that field), or ''."""
    for column in FICHE_COLUMNS:
        if column.field == name:
            return column.header
    return ""


def field_label(name):
    """The French name of any AidPage field (for errors on fields outside the format)."""
    try:
        return str(AidPage._meta.get_field(name).verbose_name)
    except Exception:
        return name
