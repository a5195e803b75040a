from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from search.text import words as meaningful_words


class SynonymGroup(models.Model):
    """Words and phrases that mean the same thing to a business owner.

    A query containing one of them also finds fiches containing the others, e.g.
    « embauche » ~ « recrutement » ~ « emploi ». Editors manage the list in the admin.
    """

    terms = models.TextField(
        _("termes équivalents"),
        help_text=_(
            "Séparés par des virgules, par exemple : embauche, recrutement, emploi. "
            "Les expressions de plusieurs mots sont possibles (prêt d'honneur)."
        ),
    )
    note = models.CharField(_("remarque"), max_length=200, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        verbose_name = _("synonymes")
        verbose_name_plural = _("synonymes")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError(
                {"terms": _("Indiquez au moins deux termes séparés par une virgule.")}
            )


def split_terms(text):
    """The comma-separated terms of an editor's field, stripped, empty ones left out."""
    return [term.strip() for term in (text or "").split(",") if term.strip()]


class EverydayWords(models.Model):
    """Words people type, and the guide's terms they should also find: one way only.

    « four, machine » -> « équipement, investissement »: a search for « four » also finds the
    fiches that say « équipement » or « investissement », but a search for « investissement »
    does not bring up every fiche that mentions an oven. (Words that mean the same both ways
    are ``SynonymGroup``s.) French only: the guide's terms are French.
    """

    words = models.TextField(
        _("mots du quotidien"),
        help_text=_(
            "Ce que les gens tapent, séparé par des virgules, par exemple : four, machine, "
            "matériel. Les expressions de plusieurs mots sont possibles (ma boîte)."
        ),
    )
    guide_terms = models.TextField(
        _("termes du guide"),
        help_text=_(
            "Les mots des fiches que ces recherches doivent aussi trouver, séparés par des "
            "virgules, par exemple : équipement, investissement. L'inverse n'est pas vrai : "
            "une recherche de ces termes ne cherche pas les mots du quotidien."
        ),
    )
    note = models.CharField(_("remarque"), max_length=200, blank=True)

    panels = [FieldPanel("words"), FieldPanel("guide_terms"), FieldPanel("note")]

    class Meta:
        verbose_name = _("mots du quotidien")
        verbose_name_plural = _("mots du quotidien")
        ordering = ["words"]

    def __str__(self):
        return f"{self.words} → {self.guide_terms}"

    def word_list(self):
        return split_terms(self.words)

    def guide_term_list(self):
        return split_terms(self.guide_terms)

    def clean(self):
        errors = {}
        for name, terms, missing in (
            ("words", self.word_list(), _("Indiquez au moins un mot du quotidien.")),
            ("guide_terms", self.guide_term_list(), _("Indiquez au moins un terme du guide.")),
        ):
            empty = [term for term in terms if not meaningful_words(term)]
            if not terms:
                errors[name] = missing
            elif empty:
                errors[name] = _(
                    "La recherche ignore ces mots trop courants, seuls ils ne trouvent rien : "
                    "%(terms)s. Ajoutez-leur un mot qui a du sens (« ma boîte » plutôt que « ma »)."
                ) % {"terms": ", ".join(f"« {term} »" for term in empty)}
        if errors:
            raise ValidationError(errors)
