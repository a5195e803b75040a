"""Entry points by need: what a business owner wants, as a preset of listing filters.

Shown on the home page and the site map. Defined in code (labels translated with gettext) so
that each one is a tested, stable link; editors choose which fiches match through the fiches'
own aid types and project stages.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Need:
    key: str
    label: str
    hint: str
    filters: dict = field(default_factory=dict)

    def querystring(self):
        return "?" + urlencode(self.filters, doseq=True)


NEEDS = [
    Need(
        "financer",
        _("Financer un projet"),
        _("Prêts, subventions, avances, garanties"),
        {"type": ["subvention", "pret", "avance-remboursable", "garantie"]},
    ),
    Need(
        "recruter",
        _("Recruter"),
        _("Aides à l'embauche, candidats formés"),
        {"etape": ["recrutement"]},
    ),
    Need(
        "accompagnement",
        _("Se faire accompagner"),
        _("Conseil, diagnostic, appui RH"),
        {"type": ["accompagnement"]},
    ),
    Need(
        "creer",
        _("Créer ou reprendre une entreprise"),
        _("Prêts d'honneur, réseaux"),
        {"etape": ["creation"]},
    ),
    Need(
        "locaux",
        _("Trouver des locaux"),
        _("Pépinières, hôtels d'entreprises"),
        {"type": ["hebergement"]},
    ),
    Need(
        "rebondir",
        _("Rebondir après une difficulté"),
        _("Diagnostic, trésorerie"),
        {"etape": ["difficulte-rebond"]},
    ),
    Need(
        "innover", _("Innover"), _("Incubateurs, avances remboursables"), {"etape": ["innovation"]}
    ),
    Need(
        "transition",
        _("Réussir sa transition écologique"),
        _("Énergie, mobilité, déchets"),
        {"etape": ["transition-ecologique"]},
    ),
    Need(
        "exporter",
        _("Se développer à l'international"),
        _("Prospection, formation"),
        {"etape": ["international"]},
    ),
]
