"""What the guide writes in each field of the national schema, for the dataset page (French).

Kept next to ``records.py``, which it describes: change both together.
"""

from django.utils.translation import gettext_lazy as _

EMPTY = _("Toujours vide : le guide n'a pas cette information.")

FIELD_NOTES = {
    "id": _("L'identifiant national (UUID) de la fiche, stable, partagé par ses traductions."),
    "titre": _("Le titre de la fiche."),
    "promesse": _("La promesse de la fiche."),
    "description": _(
        "La description en texte brut, puis les volets financiers (montant, taux, durée, "
        "plafond, part), la marche à suivre et les liens de l'opérateur ; une aide à "
        "l'enveloppe épuisée ou suspendue le dit en premier. Au plus 5 000 caractères."
    ),
    "eligibilite": _("Les conditions d'éligibilité, une par ligne, puis les publics visés."),
    "types_aides": _("Les valeurs nationales des types d'aide de la fiche."),
    "porteurs": _(
        "L'opérateur (rôle « instructeur ») et les financeurs (rôle « financeur »), avec leur "
        "SIREN quand le guide le connaît (sinon null)."
    ),
    "programmes_parents": _("Le programme de financement de la fiche."),
    "url_source": _("L'adresse publique de la fiche dans le guide (contacts compris)."),
    "cibles": _(
        "« professionnels », et « associations » pour une aide ouverte aux structures de l'ESS."
    ),
    "eligibilite_geographique": _(
        "Les territoires couverts en codes du COG : PAYS-, REG-, DEP-, EPCI- (SIREN de l'EPT), "
        "COM-."
    ),
    "eligibilite_geographique_exclusions": EMPTY,
    "date_ouverture": _("Date d'ouverture, à 0 h (heure de Paris) ; vide si non précisée."),
    "date_cloture": _(
        "Dernier jour pour déposer une demande, à 23 h 59 min 59 s (heure de Paris) ; vide pour "
        "une aide permanente."
    ),
    "date_mise_a_jour": _("Date de la dernière publication de la fiche."),
    "base_juridique": EMPTY,
    "eligibilite_effectif_minimal": _("L'effectif minimum de la fiche."),
    "eligibilite_effectif_maximal": _("L'effectif maximum de la fiche."),
    "eligibilite_categorie_taille_entreprise": _("Les catégories d'entreprise (INSEE)."),
    "eligibilite_annees_existence_minimal": _("Les années d'existence minimum."),
    "eligibilite_forme_juridique": EMPTY,
    "eligibilite_forme_juridique_exclusions": EMPTY,
    "ciblage_secteur_activite": _(
        "Les secteurs du guide, ou « tous secteurs d'activité » pour une aide sans secteur."
    ),
    "ciblage_naf": EMPTY,
    "ciblage_naf_exclusions": EMPTY,
    "chainage_paiement": EMPTY,
}
