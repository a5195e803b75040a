"""The values of the listing's filters, so that partners can build their own."""

from api.fiches import vocabulary_item
from guide.listing.filters import SORT_CHOICES
from guide.models import AidType, Audience, ProjectStage, Sector, Territory
from guide.status import status_filter_choices


def commune_item(commune):
    codes = [code.strip() for code in commune.postal_codes.split(",") if code.strip()]
    return {
        "slug": commune.slug,
        "nom": commune.name,
        "code_cog": commune.cog_code,
        "codes_postaux": codes,
    }


def vocabularies():
    def items(model):
        return [vocabulary_item(item) for item in model.objects.all()]

    communes = Territory.objects.filter(kind=Territory.Kind.COMMUNE).order_by("name")
    return {
        "types": items(AidType),
        "publics": items(Audience),
        "secteurs": items(Sector),
        "etapes": items(ProjectStage),
        "communes": [commune_item(commune) for commune in communes],
        "statuts": [
            {"code": code, "libelle": str(label)} for code, label in status_filter_choices()
        ],
        "tris": [{"code": code, "libelle": str(label)} for code, label in SORT_CHOICES],
    }
