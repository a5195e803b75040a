from django.db import models
from django.utils.translation import gettext_lazy as _


class EditorialTeam(models.Model):
    """A territory's editorial team: the three groups of its Wagtail site (Rédacteurs, Valideurs,
    Administrateurs) and its review workflow. Created with the site (``guide/roles.py``); each
    group's rights stop at the site's pages, records, documents and images."""

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="editorial_team",
    )
    editors = models.OneToOneField(
        "auth.Group", verbose_name=_("rédacteurs"), on_delete=models.PROTECT, related_name="+"
    )
    reviewers = models.OneToOneField(
        "auth.Group", verbose_name=_("valideurs"), on_delete=models.PROTECT, related_name="+"
    )
    administrators = models.OneToOneField(
        "auth.Group",
        verbose_name=_("administrateurs"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name=_("relecture"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("équipe éditoriale")
        verbose_name_plural = _("équipes éditoriales")

    def __str__(self):
        return str(self.site)

    def group_ids(self):
        return [self.editors_id, self.reviewers_id, self.administrators_id]
