"""The questionnaire « Quelles aides pour mon projet ? »: its GET form and where a business is.

The answers live in the URL (parameter names are the form's field names), so a result can be
shared and bookmarked; nothing is stored. Every question can be skipped. A wrong answer gets a
French message next to its field, keeps what was typed, and the other answers still count.

Six questions at most on screen: the commune (with « déjà installée ? » where it matters), the
age, the staff, the sector, the project (the CDI jobs and the apprentices nested in
« Recruter ») and the investment amount. The parameters added later (``alternants``,
``investissement``, the ``innover`` project) are optional: the URLs made before them keep
their meaning.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.french_input import FrenchDecimalField
from guide.matching.facts import (
    ESTABLISHED,
    MOVING_IN,
    NOT_ESTABLISHED,
    Answers,
    Place,
    Term,
)
from guide.matching.projects import HIRING, PROJECTS
from guide.models import AidPage, EligibilityCase, Establishment, Sector, Territory
from search.text import fold

MAX_AGE = 200
MAX_STAFF = 1_000_000
MAX_JOBS = 10_000
MAX_INVESTMENT = 1_000_000_000

# « 25 000 € », « 25 000 euros », « 25000 EUR »: the unit is the field's, so it may be typed.
EURO_SUFFIX = re.compile(r"\s*(€|euros?|eur)\s*$", re.IGNORECASE)

# A postal code outside the territory's communes still places a business in its département
# (Val-de-Marne, Essonne), in Île-de-France, or in France.
ILE_DE_FRANCE_DEPARTEMENTS = ("75", "77", "78", "91", "92", "93", "94", "95")


def normalise(text):
    """« L'Haÿ-les-Roses » and « l hay les roses » compare equal."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())


def covering_codes(territory):
    return frozenset(t.cog_code for t in territory.with_ancestors())


def resolve_place(text):
    """A ``Place`` for a commune name, INSEE code or postal code; ``None`` when unknown."""
    wanted = normalise(text)
    if not wanted:
        return None
    communes = list(Territory.objects.filter(kind=Territory.Kind.COMMUNE))
    for commune in communes:
        postal_codes = [code.strip() for code in commune.postal_codes.split(",")]
        if wanted in (normalise(commune.name), commune.code, commune.slug, *postal_codes):
            return Place(commune.name, covering_codes(commune))
    prefixed = [c for c in communes if normalise(c.name).startswith(wanted)]
    if len(prefixed) == 1:
        return Place(prefixed[0].name, covering_codes(prefixed[0]))
    if len(wanted) == 5 and wanted.isdigit():
        return place_of_postal_code(wanted)
    return None


def place_of_postal_code(postal_code):
    departement = Territory.objects.filter(
        kind=Territory.Kind.DEPARTEMENT, code=postal_code[:2]
    ).first()
    if departement is not None:
        area = departement
    elif postal_code[:2] in ILE_DE_FRANCE_DEPARTEMENTS:
        area = Territory.objects.filter(kind=Territory.Kind.REGION, code="11").first()
    else:
        area = Territory.objects.filter(kind=Territory.Kind.PAYS).first()
    codes = covering_codes(area) if area is not None else frozenset()
    return Place(postal_code, codes, is_commune=False)


def establishment_matters(guide):
    """Whether « déjà installée ? » can change a verdict in ``guide``: an open fiche has a case
    that requires the business to be established (or moving in). One query."""
    return (
        EligibilityCase.objects.filter(page__in=AidPage.objects.in_guide(guide).open())
        .exclude(establishment=Establishment.ANY)
        .exists()
    )


class EurosField(FrenchDecimalField):
    """An amount in euros typed the French way (``core.french_input``: « 25 000 », « 1 500,50 »),
    with or without « € » after it."""

    def to_python(self, value):
        if isinstance(value, str):
            value = EURO_SUFFIX.sub("", value.strip())
        return super().to_python(value)

    def run_validators(self, value):
        """The validators' messages, each once: an amount far too large breaks both the maximum
        and the number of digits, which say the same sentence."""
        try:
            super().run_validators(value)
        except ValidationError as error:
            messages = {}
            for item in error.error_list:
                said = item.message % item.params if item.params else item.message
                messages.setdefault(str(said), item)
            raise ValidationError(list(messages.values())) from None


class QuestionnaireForm(forms.Form):
    """GET form; field names are the URL's parameter names.

    ``implantation`` is asked (inside the commune's question) only where it matters
    (``establishment_matters``): elsewhere the form has no such field, and an answer left in
    the URL is ignored. A commune given without it is where the business is established
    (``facts.Answers``): the URLs made before the question existed keep their meaning.
    """

    commune = forms.CharField(
        label=_("Votre commune"),
        help_text=_("Nom de la commune ou code postal, par exemple « Vitry-sur-Seine » ou 94400."),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "communes", "autocomplete": "address-level2"}),
    )
    implantation = forms.ChoiceField(
        label=_("Votre entreprise est-elle déjà installée dans cette commune ?"),
        help_text=_(
            "Certaines aides demandent une entreprise implantée sur leur territoire. Sans "
            "réponse, nous considérons qu'elle y est installée."
        ),
        required=False,
        choices=[
            (ESTABLISHED, _("Oui, elle y est installée")),
            (MOVING_IN, _("Elle est en cours d'installation")),
            (NOT_ESTABLISHED, _("Pas encore")),
        ],
        widget=forms.RadioSelect,
    )
    anciennete = forms.IntegerField(
        label=_("Âge de votre entreprise, en années"),
        help_text=_("0 si elle a moins d'un an ou n'est pas encore créée."),
        required=False,
        min_value=0,
        max_value=MAX_AGE,
    )
    effectif = forms.IntegerField(
        label=_("Nombre de salariés"),
        help_text=_("0 si vous n'avez pas de salarié."),
        required=False,
        min_value=0,
        max_value=MAX_STAFF,
    )
    secteur = forms.ChoiceField(label=_("Secteur d'activité"), required=False)
    projet = forms.MultipleChoiceField(
        label=_("Votre projet"),
        help_text=_("Plusieurs choix possibles."),
        required=False,
        choices=[(project.key, project.label) for project in PROJECTS],
        widget=forms.CheckboxSelectMultiple,
    )
    emplois = forms.IntegerField(
        label=_("Nombre d'emplois en CDI à créer"),
        help_text=_("Sans les apprentis et alternants : indiquez-les à part."),
        required=False,
        min_value=0,
        max_value=MAX_JOBS,
    )
    alternants = forms.IntegerField(
        label=_("Nombre d'apprentis ou d'alternants à recruter"),
        help_text=_("Contrats d'apprentissage ou de professionnalisation."),
        required=False,
        min_value=0,
        max_value=MAX_JOBS,
    )
    investissement = EurosField(
        label=_("Montant de votre investissement, en euros"),
        help_text=_(
            "Le coût de votre projet (machine, équipement, travaux…), par exemple 25 000. Il "
            "sert à calculer les aides qui financent une part de vos dépenses."
        ),
        required=False,
        min_value=1,
        max_value=MAX_INVESTMENT,
        max_digits=12,
        decimal_places=2,
        error_messages={
            "min_value": _("Indiquez un montant d'au moins 1 €, ou laissez la case vide."),
            "max_value": _("Indiquez un montant d'au plus 1 milliard d'euros."),
            "max_digits": _("Indiquez un montant d'au plus 1 milliard d'euros."),
            "max_decimal_places": _("Indiquez au plus deux chiffres après la virgule."),
            "max_whole_digits": _("Indiquez un montant d'au plus 1 milliard d'euros."),
        },
    )

    def __init__(self, data=None, *args, asks_establishment=True, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.asks_establishment = asks_establishment
        if not asks_establishment:
            # Not asked: an answer left in an old URL cannot change a verdict, nor be an error.
            del self.fields["implantation"]
        self.sectors = list(Sector.objects.all())
        self.fields["secteur"].choices = [("", _("Je préfère ne pas répondre"))] + [
            (sector.slug, sector.label) for sector in self.sectors
        ]
        for name in ("anciennete", "effectif", "emplois", "alternants"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean_commune(self):
        text = " ".join(self.cleaned_data["commune"].replace("\x00", "").split())
        self.place = resolve_place(text) if text else None
        if text and self.place is None:
            raise forms.ValidationError(
                _(
                    "Nous ne trouvons pas « %(text)s ». Saisissez le nom d'une commune du "
                    "territoire ou un code postal à 5 chiffres."
                ),
                params={"text": text},
            )
        return text

    @property
    def answered(self):
        """True once the visitor submitted anything (an empty form shows no results)."""
        return self.is_bound and any(
            value for key, values in self.data.lists() if key in self.fields for value in values
        )

    def answers(self):
        """The valid answers; a question with an error counts as skipped."""
        self.is_valid()
        data = self.cleaned_data
        sector = next((s for s in self.sectors if s.slug == data.get("secteur")), None)
        projects = tuple(data.get("projet") or ())
        apprentices = data.get("alternants")
        if apprentices and projects and HIRING not in projects:
            # Hiring an apprentice is recruiting: the recruitment fiches are served too. (With
            # no project chosen, the project restricts nothing: they already are.)
            projects += (HIRING,)
        return Answers(
            place=getattr(self, "place", None) if data.get("commune") else None,
            age_years=data.get("anciennete"),
            staff=data.get("effectif"),
            sector=Term(sector.slug, sector.label) if sector else None,
            projects=projects,
            jobs=data.get("emplois"),
            establishment=data.get("implantation") or None,
            apprentices=apprentices,
            investment=data.get("investissement"),
        )

    def communes(self):
        """The datalist offered under the commune field."""
        return Territory.objects.filter(kind=Territory.Kind.COMMUNE).order_by("name")
