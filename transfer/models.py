from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StagedImport(models.Model):
    """An uploaded import file waiting between its dry run and its confirmation
    (transfer/staging.py). Kept in the database, which every app server shares, for a
    day at most; never shown to visitors (it does not empty the page cache)."""

    token = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("nom du fichier"), max_length=255)
    extension = models.CharField(max_length=8)
    kind = models.CharField(max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "guide_stagedimport"  # created by the guide app, whose part it was
        verbose_name = _("import en attente de confirmation")
        verbose_name_plural = _("imports en attente de confirmation")

    def __str__(self):
        return self.name
