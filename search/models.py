from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


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
        return [term.strip() for term in self.terms.split(",") if term.strip()]

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError(
                {"terms": _("Indiquez au moins deux termes séparés par une virgule.")}
            )
