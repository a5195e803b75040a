"""The reference tables loaded by migration: the 24 communes of GOSB and the vocabularies."""

import pytest

from guide.models import AidType, Audience, CompanySize, ProjectStage, Sector, Territory

# From DOMAIN.md: the 24 communes and their INSEE codes.
EXPECTED_COMMUNES = {
    "94001": "Ablon-sur-Seine",
    "94003": "Arcueil",
    "94016": "Cachan",
    "94021": "Chevilly-Larue",
    "94022": "Choisy-le-Roi",
    "94034": "Fresnes",
    "94037": "Gentilly",
    "94038": "L'Haÿ-les-Roses",
    "94041": "Ivry-sur-Seine",
    "94043": "Le Kremlin-Bicêtre",
    "94054": "Orly",
    "94065": "Rungis",
    "94073": "Thiais",
    "94074": "Valenton",
    "94076": "Villejuif",
    "94077": "Villeneuve-le-Roi",
    "94078": "Villeneuve-Saint-Georges",
    "94081": "Vitry-sur-Seine",
    "91027": "Athis-Mons",
    "91326": "Juvisy-sur-Orge",
    "91432": "Morangis",
    "91479": "Paray-Vieille-Poste",
    "91589": "Savigny-sur-Orge",
    "91687": "Viry-Châtillon",
}

pytestmark = pytest.mark.django_db


def test_the_24_communes_with_their_insee_codes():
    communes = dict(Territory.objects.filter(kind="COM").values_list("code", "name"))
    assert communes == EXPECTED_COMMUNES


def test_each_commune_is_in_its_departement_and_in_the_ept():
    ept = Territory.objects.get(kind="EPCI", code="200058014")
    for commune in Territory.objects.filter(kind="COM").prefetch_related("parents"):
        parents = {t.cog_code for t in commune.parents.all()}
        assert parents == {f"DEP-{commune.code[:2]}", ept.cog_code}, commune.name
    assert Territory.objects.filter(kind="COM", parents__code="94").count() == 18
    assert Territory.objects.filter(kind="COM", parents__code="91").count() == 6


def test_ancestors_of_a_commune_reach_the_country():
    vitry = Territory.objects.get(kind="COM", code="94081")
    assert {t.cog_code for t in vitry.with_ancestors()} == {
        "COM-94081",
        "DEP-94",
        "EPCI-200058014",
        "REG-11",
        "PAYS-99100",
    }


def test_cog_codes_follow_the_national_schema_pattern():
    import re

    pattern = re.compile(r"^[A-Z]+-\d+$")
    assert all(pattern.match(t.cog_code) for t in Territory.objects.all())


def test_postal_codes_for_every_commune():
    assert not Territory.objects.filter(kind="COM", postal_codes="").exists()
    assert "94310" in Territory.objects.get(code="94054").postal_codes


def test_vocabularies():
    assert set(AidType.objects.values_list("slug", flat=True)) == {
        "subvention",
        "pret",
        "avance-remboursable",
        "garantie",
        "accompagnement",
        "hebergement",
        "formation",
        "mise-en-relation",
    }
    national = {
        "assistance",
        "avantage fiscal",
        "conseil",
        "étude",
        "financement",
        "formation",
        "information",
        "prêt",
    }
    assert set(AidType.objects.values_list("national_type", flat=True)) <= national
    assert AidType.objects.get(slug="pret").national_type == "prêt"
    assert set(CompanySize.objects.values_list("code", flat=True)) == {"MIC", "PME", "ETI", "GE"}
    assert {"tpe", "pme", "pmi", "eti", "ess", "createurs", "commercants-artisans"} <= set(
        Audience.objects.values_list("slug", flat=True)
    )
    assert ProjectStage.objects.count() == 8
    assert Sector.objects.exists()


def test_reference_labels_follow_the_active_language():
    from django.utils import translation

    grant = AidType.objects.get(slug="subvention")
    with translation.override("fr"):
        assert str(grant) == "Subvention"
    with translation.override("en"):
        assert str(grant) == "Grant"
