"""The API's contract: its query parameters and the stable (French, snake_case) field names of
its answers, each documented in the OpenAPI description.

Renaming or removing a field here breaks partners: add fields, never change existing ones
within ``/api/v1/``.
"""

import datetime
import uuid
from typing import Literal

from ninja import Field, Schema

from api.paging import DEFAULT_PAGE_SIZE
from guide.models import Establishment
from guide.status import Status as FicheStatus
from guide.status import StatusFilter

Language = Literal["fr", "en"]


# Query parameters ----------------------------------------------------------------------------


class LanguageQuery(Schema):
    lang: Language = Field(
        "fr",
        description=(
            "Langue des fiches et des libellés : « fr » (par défaut) ou « en » (les fiches "
            "traduites en anglais seulement)."
        ),
    )


class FicheListQuery(LanguageQuery):
    """The listing's parameters (``/aides/``), read by the listing's own form: an unknown value
    is ignored, never an error. Only ``page``, ``page_size`` and ``lang`` are checked."""

    q: str = Field(
        "", description="Recherche en texte libre (au plus 200 caractères, sinon ignorée)."
    )
    type: list[str] = Field(
        [], description="Types d'aide (slugs de /vocabulaires/ « types »), répétable : OU."
    )
    public: list[str] = Field(
        [],
        description=(
            "Publics (slugs « publics »), répétable. Une fiche sans public s'adresse à tous."
        ),
    )
    secteur: list[str] = Field(
        [],
        description=(
            "Secteurs d'activité (slugs « secteurs »), répétable. Une fiche sans secteur les "
            "couvre tous."
        ),
    )
    etape: list[str] = Field([], description="Étapes du projet (slugs « etapes »), répétable.")
    commune: str = Field(
        "",
        description=(
            "Commune (slug « communes ») : les aides de la commune, de son département, de "
            "l'EPT, de la région et de la France."
        ),
    )
    effectif: str = Field(
        "",
        description=(
            "Nombre de salariés, entier de 0 à 1 000 000 (autre valeur : ignorée). Écarte les "
            "fiches dont l'effectif minimum ou maximum l'exclut."
        ),
    )
    statut: str = Field(
        StatusFilter.OPEN.value,
        description=(
            f"« {StatusFilter.OPEN} » (par défaut : ouvertes et bientôt closes), "
            f"« {StatusFilter.CLOSING_SOON} », « {StatusFilter.UPCOMING} », "
            f"« {StatusFilter.CLOSED} » ou « {StatusFilter.ALL} » (autre valeur : "
            f"« {StatusFilter.OPEN} »)."
        ),
    )
    tri: str = Field(
        "",
        description=(
            "« pertinence » (par défaut avec q), « cloture » (par défaut sans q : clôture la "
            "plus proche d'abord, aides permanentes à la fin) ou « recent »."
        ),
    )
    page: int = Field(1, ge=1, description="Numéro de page, à partir de 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        description=(
            "Fiches par page (20 par défaut). Au-delà du maximum (100 par défaut), ramené au "
            "maximum."
        ),
    )


# Answers ---------------------------------------------------------------------------------------


class VocabularyItem(Schema):
    slug: str = Field(description="Identifiant stable : la valeur du filtre correspondant.")
    libelle: str = Field(description="Libellé dans la langue demandée (français à défaut).")


class TerritoryItem(Schema):
    slug: str = Field(description="Identifiant stable du territoire.")
    nom: str
    code_cog: str = Field(
        description=(
            "Code officiel géographique préfixé par le type : COM-94081 (commune), DEP-94, "
            "EPCI-200058014 (l'EPT, par son SIREN), REG-11, PAYS-FR."
        )
    )


class Status(Schema):
    code: Literal[tuple(FicheStatus.values)] = Field(
        description=(
            "Statut du jour (Europe/Paris). À ne pas confondre avec le filtre « statut » de la "
            f"liste : « {StatusFilter.OPEN} » y désigne les fiches ouvertes et celles qui "
            f"ferment bientôt, « {StatusFilter.CLOSING_SOON} » ce que ce champ nomme "
            f"« {FicheStatus.CLOSING_SOON} »."
        )
    )
    libelle: str = Field(description="« Ouvert », « Ferme bientôt », « Enveloppe épuisée »…")
    jours_restants: int | None = Field(
        description=(
            "Jours avant la date de clôture (0 le dernier jour) ; null sans date de clôture ou "
            "une fois clôturée."
        )
    )


class Operator(Schema):
    nom: str
    sigle: str | None
    siren: str | None = Field(description="SIREN à 9 chiffres, null s'il n'est pas connu.")


class Unit(Schema):
    code: str = Field(description="beneficiaire, emploi_cree, recrutement, salarie, mois ou an.")
    libelle: str = Field(description="Par exemple « par emploi créé ».")


class UnitShare(Schema):
    unites_aidees: int = Field(description="Nombre d'unités aidées : 1 dans « 1 sur 3 ».")
    sur: int = Field(description="Sur combien d'unités : 3 dans « 1 sur 3 ».")
    texte: str = Field(description="La part rédigée, par exemple « au plus 1 emploi créé sur 3 ».")


class FinancialComponent(Schema):
    nature: VocabularyItem = Field(description="Le type d'aide de ce volet.")
    intitule: str = Field(description="Par exemple « Prêt à taux zéro ».")
    montant: float | None = Field(description="Montant en euros (par unité si l'unité le dit).")
    unite: Unit
    taux: float | None = Field(description="Taux en pourcentage (0 : prêt à taux zéro).")
    duree_mois: int | None = Field(description="Durée du prêt en mois.")
    plafond: float | None = Field(description="Montant maximal en euros par entreprise.")
    part_maximale: float | None = Field(description="Part maximale en pourcentage.")
    part_maximale_de: str | None = Field(
        description="De quoi la part maximale est calculée (« des dépenses éligibles »)."
    )
    jours_accompagnement: int | None = Field(description="Nombre maximal de jours de conseil.")
    part_des_unites: UnitShare | None = Field(
        description=(
            "Pour un montant par unité : la part des unités aidées au plus. « 1 sur 3 » : le "
            "montant s'applique à un emploi créé sur trois, arrondi à l'inférieur (4 emplois : "
            "1 aidé ; 9 emplois : 3). Null : chaque unité est aidée."
        )
    )
    territoire: TerritoryItem | None = Field(
        description="Territoire auquel ce volet est réservé, s'il ne couvre pas toute la fiche."
    )
    public: VocabularyItem | None = Field(
        description="Public auquel ce volet est réservé (les PMI…), null : tous ceux de la fiche."
    )
    secteur: VocabularyItem | None = Field(
        description="Secteur auquel ce volet est réservé, null : tous ceux de la fiche."
    )
    conditions: list[str] = Field(description="Une condition par élément.")
    resume: list[str] = Field(
        description="Les chiffres du volet rédigés comme sur la fiche (« plafond 225 000 € »)."
    )


class CompanySizeItem(VocabularyItem):
    code_insee: str = Field(description="Catégorie INSEE : MIC, PME, ETI ou GE.")


class Implantation(Schema):
    code: Literal[tuple(value for value in Establishment.values if value)] = Field(
        description=(
            f"« {Establishment.ESTABLISHED.value} » : déjà implantée sur le territoire du cas ; "
            f"« {Establishment.ESTABLISHED_OR_MOVING.value} » : implantée ou en cours "
            "d'implantation."
        )
    )
    libelle: str


class EligibilityCase(Schema):
    """Un cas d'éligibilité : des critères qui doivent tous être remplis, en plus de ceux de la
    fiche. Une liste vide ne restreint rien ; une valeur null non plus."""

    nom: str = Field(
        description="Son territoire (« Essonne (91) »), à défaut sa position (« Cas 2 »)."
    )
    territoires: list[TerritoryItem] = Field(
        description="Partie du territoire de la fiche où ce cas s'applique ; vide : toute."
    )
    publics: list[VocabularyItem] = Field(description="Publics du cas (l'un d'eux) ; vide : tous.")
    categories_entreprise: list[CompanySizeItem] = Field(
        description="Catégories d'entreprise INSEE (l'une d'elles) ; vide : toutes."
    )
    secteurs: list[VocabularyItem] = Field(
        description="Secteurs d'activité (l'un d'eux) ; vide : tous."
    )
    etapes: list[VocabularyItem] = Field(
        description="Étapes du projet (l'une d'elles) ; vide : toutes."
    )
    effectif_minimal: int | None = Field(description="Nombre minimal de salariés.")
    effectif_maximal: int | None = Field(description="Nombre maximal de salariés.")
    annees_existence_minimal: int | None = Field(
        description="Années d'existence minimales de l'entreprise."
    )
    emplois_crees_minimal: int | None = Field(
        description="Nombre minimal d'emplois que le projet crée."
    )
    implantation: Implantation | None = Field(
        description=(
            "Si l'entreprise doit être implantée sur le territoire du cas ; null : sans condition "
            "d'implantation."
        )
    )


class ContactLine(Schema):
    type: Literal["service", "personne"] = Field(
        description=(
            "« service » : boîte fonctionnelle ; « personne » : personne nommée qui a accepté "
            "d'être publiée. Les autres contacts ne sont jamais diffusés."
        )
    )
    nom: str
    fonction: str | None
    organisation: str
    email: str | None
    telephone: str | None = Field(description="Au format international E.164 (+33…).")
    note_recommandation: str = Field(
        description=(
            "Ce que l'entreprise dit en prenant contact, par exemple « À contacter de la part "
            "du Grand-Orly Seine Bièvre »."
        )
    )


class FicheItem(Schema):
    id: uuid.UUID = Field(
        description="Identifiant national du dispositif (UUID), commun à ses traductions."
    )
    titre: str
    promesse: str = Field(description="Ce que l'aide apporte, en une phrase.")
    url: str = Field(description="Adresse absolue de la fiche sur le site.")
    lien_permanent: str = Field(
        description="Adresse courte et permanente de la fiche (/a/<code>/), qui ne change jamais."
    )
    statut: Status
    date_ouverture: datetime.date | None
    date_cloture: datetime.date | None = Field(
        description="Dernier jour pour déposer une demande ; null pour une aide permanente."
    )
    types: list[VocabularyItem] = Field(description="Types d'aide.")
    publics: list[VocabularyItem] = Field(description="Publics visés ; vide : tous.")
    secteurs: list[VocabularyItem] = Field(description="Secteurs d'activité ; vide : tous.")
    etapes: list[VocabularyItem] = Field(description="Étapes du projet.")
    territoires: list[TerritoryItem] = Field(description="Territoire couvert.")
    operateur: Operator | None = Field(description="Qui met en œuvre le dispositif.")
    volets: list[FinancialComponent] = Field(
        description="Ce que l'entreprise obtient, dans l'ordre de la fiche."
    )
    eligibilite: list[str] = Field(description="Conditions d'éligibilité, une par élément.")
    depenses_couvertes: list[str] = Field(
        description=(
            "Les dépenses que l'aide finance, une par élément, dans les mots d'un chef "
            "d'entreprise (« Matériel et équipements (four, machine, véhicule utilitaire) ») ; "
            "vide si la fiche ne les précise pas."
        )
    )
    exemples_de_projets: list[str] = Field(
        description=(
            "Des exemples de projets financés, un par élément (« Une boulangerie qui remplace "
            "son four ») ; vide si la fiche n'en donne pas."
        )
    )
    lien_demande: str | None = Field(
        description=(
            "Adresse où déposer une demande en ligne (chez l'opérateur) ; null si la demande "
            "ne se fait pas en ligne ou si la fiche ne la donne pas."
        )
    )
    cas_eligibilite: list[EligibilityCase] = Field(
        description=(
            "Quand les conditions diffèrent d'un territoire ou d'un public à l'autre : une "
            "entreprise est éligible si elle remplit les critères de la fiche (publics, "
            "secteurs, territoires, conditions ci-dessus) et ceux d'au moins un cas. Vide : la "
            "fiche n'a pas de cas, ses critères suffisent. Par exemple, PME ou PMI dans le "
            "Val-de-Marne, ou PMI implantée ou en cours d'implantation en Essonne : deux cas."
        )
    )
    contacts: list[ContactLine] = Field(
        description=(
            "Qui appeler : seulement les boîtes fonctionnelles et les personnes qui ont accepté "
            "d'être publiées ; si aucun contact de la fiche ne l'est, le contact entreprises du "
            "territoire. Vide si le territoire n'en a pas."
        )
    )
    date_mise_a_jour: datetime.datetime | None = Field(
        description="Dernière publication de la fiche."
    )


class CallChecklist(Schema):
    elements: list[str] = Field(
        description=(
            "Ce que l'entreprise doit avoir sous la main avant d'appeler, un élément par "
            "entrée (« Votre numéro SIRET… »), dans la langue demandée."
        )
    )
    source: Literal["fiche", "guide"] = Field(
        description=(
            "« fiche » : la liste propre à cette fiche ; « guide » : la fiche n'en a pas, c'est "
            "la liste par défaut du guide, la même pour toutes ces fiches."
        )
    )


class FicheDetail(FicheItem):
    description: str = Field(description="Description, en HTML (liens absolus).")
    comment_en_beneficier: str = Field(
        description=(
            "La rubrique « Comment demander » de la fiche : les étapes de la demande et les "
            "pièces à fournir, en HTML (liens absolus) ; vide si non renseigné. Le lien pour "
            "déposer une demande est dans « lien_demande »."
        )
    )
    preparez_votre_appel: CallChecklist = Field(
        description=(
            "L'encadré « Préparez votre appel » de la fiche, tel qu'il s'affiche : la liste "
            "de la fiche, à défaut celle du guide."
        )
    )


class FichePage(Schema):
    count: int = Field(description="Nombre de fiches pour ces filtres, toutes pages confondues.")
    next: str | None = Field(description="Adresse absolue de la page suivante, null à la fin.")
    previous: str | None = Field(description="Adresse absolue de la page précédente.")
    results: list[FicheItem]


class Commune(Schema):
    slug: str = Field(description="Valeur du filtre « commune ».")
    nom: str
    code_cog: str = Field(description="COM- suivi du code INSEE.")
    codes_postaux: list[str]


class Choice(Schema):
    code: str = Field(description="Valeur du paramètre.")
    libelle: str


class Vocabularies(Schema):
    types: list[VocabularyItem] = Field(description="Valeurs du filtre « type ».")
    publics: list[VocabularyItem] = Field(description="Valeurs du filtre « public ».")
    secteurs: list[VocabularyItem] = Field(description="Valeurs du filtre « secteur ».")
    etapes: list[VocabularyItem] = Field(description="Valeurs du filtre « etape ».")
    communes: list[Commune] = Field(description="Valeurs du filtre « commune ».")
    statuts: list[Choice] = Field(description="Valeurs du filtre « statut ».")
    tris: list[Choice] = Field(description="Valeurs du paramètre « tri ».")


class Index(Schema):
    aides: str = Field(description="La liste des fiches.")
    vocabulaires: str = Field(description="Les valeurs des filtres.")
    openapi: str = Field(description="La description OpenAPI de l'API.")
    documentation: str = Field(description="La documentation interactive.")


class ParameterError(Schema):
    parametre: str
    message: str


class Error(Schema):
    detail: str = Field(description="Le problème, en français.")
    erreurs: list[ParameterError] | None = Field(
        None, description="Pour une réponse 400 : chaque paramètre invalide."
    )
