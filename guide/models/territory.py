"""The reference table of territories, in the Code officiel géographique (COG)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from core.shared_cache import shared


class Territory(index.Indexed, models.Model):
    """A commune, an EPT, a département, a région or a country, with its COG code.

    ``parents`` records containment (Vitry-sur-Seine is in the EPT and in the Val-de-Marne), so
    an aid covering a département or the EPT matches every commune inside it.
    """

    class Kind(models.TextChoices):
        COMMUNE = "COM", _("Commune")
        EPCI = "EPCI", _("Établissement public territorial / intercommunalité")
        DEPARTEMENT = "DEP", _("Département")
        REGION = "REG", _("Région")
        PAYS = "PAYS", _("Pays")

    kind = models.CharField(_("type"), max_length=4, choices=Kind.choices)
    code = models.CharField(
        _("code"),
        max_length=12,
        help_text=_("Code INSEE (commune, département, région), SIREN (EPT) ou code pays."),
    )
    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    postal_codes = models.CharField(
        _("codes postaux"),
        max_length=120,
        blank=True,
        help_text=_("Pour une commune : ses codes postaux, séparés par des virgules."),
    )
    parents = models.ManyToManyField(
        "self",
        verbose_name=_("inclus dans"),
        symmetrical=False,
        related_name="children",
        blank=True,
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.SearchField("postal_codes"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="unique_territory_kind_code")
        ]

    def __str__(self):
        if self.kind == self.Kind.DEPARTEMENT:
            return f"{self.name} ({self.code})"
        return self.name

    @property
    def cog_code(self):
        """The code as the national schema writes it, e.g. ``COM-94081`` or ``DEP-94``."""
        return f"{self.kind}-{self.code}"

    def with_ancestors(self):
        """This territory and every territory containing it, at any depth (nearest first):
        one query, the containment read from the shared ``territory_parents``."""
        ids = ancestor_ids(self.pk)
        found = Territory.objects.in_bulk(ids[1:])
        return [self] + [found[pk] for pk in ids[1:] if pk in found]


def territory_parents():
    """{territory pk: [pks of the territories directly containing it]}: the whole containment
    graph (a few hundred links), read in one query and shared by every process until a
    territory or a containment link changes (``guide/signals.py``)."""

    def compute():
        parents = {}
        links = Territory.parents.through.objects.order_by("pk")
        for child, parent in links.values_list("from_territory_id", "to_territory_id"):
            parents.setdefault(child, []).append(parent)
        return parents

    return shared("territory_parents", compute)


def ancestor_ids(pk):
    """``pk`` and the pks of every territory containing it, at any depth, nearest first."""
    parents = territory_parents()
    found = [pk]
    for current in found:  # grows as it is read: a breadth-first walk
        found.extend(parent for parent in parents.get(current, ()) if parent not in found)
    return found
