"""What a business owner's project can be, and which fiches serve it.

A project matches a fiche through the fiche's project stages or aid types (both structured,
shared vocabularies). The keys are the questionnaire's URL values: stable, French, short.
``short`` is how the answers' one-line summary says it (« Commerce · Vitry-sur-Seine · investir »).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Project:
    key: str
    label: str
    short: str = ""
    stages: frozenset = frozenset()
    aid_types: frozenset = frozenset()

    def served_by(self, facts):
        """True when the fiche serves this project, None when the fiche does not say (no
        project stage recorded, for a project read from stages), False otherwise."""
        if self.aid_types & facts.aid_types or self.stages & facts.project_stages:
            return True
        if self.stages and not facts.project_stages and not self.aid_types:
            return None
        return False


PROJECTS = [
    Project(
        "recruter",
        _("Recruter"),
        _("recruter"),
        stages=frozenset({"recrutement"}),
    ),
    Project(
        "investir",
        _("Investir (machine, équipement, travaux)"),
        _("investir"),
        stages=frozenset({"investissement"}),
    ),
    Project(
        "innover",
        _("Innover (nouveau produit, prototype, recherche)"),
        _("innover"),
        stages=frozenset({"innovation"}),
    ),
    Project(
        "conseil",
        _("Être conseillé ou accompagné"),
        _("être accompagné"),
        aid_types=frozenset({"accompagnement"}),
    ),
    Project(
        "creer",
        _("Créer ou reprendre une entreprise"),
        _("créer ou reprendre"),
        stages=frozenset({"creation"}),
    ),
    Project(
        "locaux",
        _("Trouver des locaux"),
        _("trouver des locaux"),
        aid_types=frozenset({"hebergement"}),
    ),
    Project(
        "rebondir",
        _("Traverser une difficulté"),
        _("traverser une difficulté"),
        stages=frozenset({"difficulte-rebond"}),
    ),
    Project(
        "transition",
        _("Réussir sa transition écologique"),
        _("transition écologique"),
        stages=frozenset({"transition-ecologique"}),
    ),
    Project("exporter", _("Exporter"), _("exporter"), stages=frozenset({"international"})),
]
PROJECTS_BY_KEY = {project.key: project for project in PROJECTS}
HIRING = "recruter"
INVESTING = "investir"
