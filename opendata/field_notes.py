"""What the guide writes in each field of the national schema, for the dataset page (French).

Kept next to ``records.py`` and ``cases.py``, which it describes: change them together.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

EMPTY = _("Toujours vide : le guide n'a pas cette information.")
# Said of each structured field the cases of a fiche can narrow (opendata/cases.py).
WITH_CASES = _(
    "Pour une fiche à cas d'éligibilité : la valeur qui n'écarte aucune entreprise éligible "
    "dans l'un des cas (celle de la fiche, à défaut la réunion des cas)."
)


def with_cases(note):
    return format_lazy("{note} {cases}", note=note, cases=WITH_CASES)


FIELD_NOTES = {
    "id": _("L'identifiant national (UUID) de la fiche, stable, partagé par ses traductions."),
    "titre": _("Le titre de la fiche."),
    "promesse": _("La promesse de la fiche."),
    "description": _(
        "La description en texte brut, puis les volets financiers (montant, taux, durée, "
        "plafond, part), les dépenses couvertes, des exemples de projets, comment demander, "
        "ce qu'il faut préparer avant d'appeler (quand la fiche le précise), la page de "
        "l'opérateur et le lien pour déposer une demande, le schéma national n'ayant pas de "
        "champ pour eux ; une aide à l'enveloppe épuisée ou suspendue le dit en premier. Au "
        "plus 5 000 caractères."
    ),
    "eligibilite": _(
        "Les conditions d'éligibilité, une par ligne, puis les publics visés ; pour une fiche "
        "dont l'éligibilité diffère selon les cas (par territoire, par public), une note le dit "
        "puis chaque cas en une phrase, le schéma national n'ayant pas de notion de cas."
    ),
    "types_aides": _("Les valeurs nationales des types d'aide de la fiche."),
    "porteurs": _(
        "L'opérateur (rôle « instructeur ») et les financeurs (rôle « financeur »), avec leur "
        "SIREN quand le guide le connaît (sinon null)."
    ),
    "programmes_parents": _("Le programme de financement de la fiche."),
    "url_source": _("L'adresse publique de la fiche dans le guide (contacts compris)."),
    "cibles": with_cases(
        _("« professionnels », et « associations » pour une aide ouverte aux structures de l'ESS.")
    ),
    "eligibilite_geographique": with_cases(
        _(
            "Les territoires couverts en codes du COG : PAYS-, REG-, DEP-, EPCI- (SIREN de l'EPT), "
            "COM-."
        )
    ),
    "eligibilite_geographique_exclusions": EMPTY,
    "date_ouverture": _("Date d'ouverture, à 0 h (heure de Paris) ; vide si non précisée."),
    "date_cloture": _(
        "Dernier jour pour déposer une demande, à 23 h 59 min 59 s (heure de Paris) ; vide pour "
        "une aide permanente."
    ),
    "date_mise_a_jour": _("Date de la dernière publication de la fiche."),
    "base_juridique": EMPTY,
    "eligibilite_effectif_minimal": with_cases(_("L'effectif minimum de la fiche.")),
    "eligibilite_effectif_maximal": with_cases(_("L'effectif maximum de la fiche.")),
    "eligibilite_categorie_taille_entreprise": with_cases(
        _("Les catégories d'entreprise (INSEE).")
    ),
    "eligibilite_annees_existence_minimal": with_cases(_("Les années d'existence minimum.")),
    "eligibilite_forme_juridique": EMPTY,
    "eligibilite_forme_juridique_exclusions": EMPTY,
    "ciblage_secteur_activite": with_cases(
        _("Les secteurs du guide, ou « tous secteurs d'activité » pour une aide sans secteur.")
    ),
    "ciblage_naf": EMPTY,
    "ciblage_naf_exclusions": EMPTY,
    "chainage_paiement": EMPTY,
}
