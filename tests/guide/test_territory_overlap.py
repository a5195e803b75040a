"""A case's territory must meet its fiche's (guide/territory_overlap.py)."""

import pytest

from guide.models import Territory
from guide.territory_overlap import outside, with_descendants

pytestmark = pytest.mark.django_db


def get(kind, name):
    return Territory.objects.get(kind=kind, name=name)


def test_a_departement_holds_its_communes_and_france_everything():
    essonne = get("DEP", "Essonne")
    athis = get("COM", "Athis-Mons")
    vitry = get("COM", "Vitry-sur-Seine")
    below = with_descendants([essonne])
    assert athis.pk in below and essonne.pk in below and vitry.pk not in below
    assert with_descendants([get("PAYS", "France")]) == set(
        Territory.objects.values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    ("case", "fiche", "meets"),
    [
        (("DEP", "Essonne"), [("DEP", "Val-de-Marne"), ("DEP", "Essonne")], True),
        (("DEP", "Essonne"), [("DEP", "Val-de-Marne")], False),
        # Shares Athis-Mons, Juvisy... with the EPT, though neither holds the other.
        (("DEP", "Essonne"), [("EPCI", "Grand-Orly Seine Bièvre")], True),
        (("COM", "Athis-Mons"), [("EPCI", "Grand-Orly Seine Bièvre")], True),
        (("COM", "Athis-Mons"), [("DEP", "Val-de-Marne")], False),
        (("REG", "Île-de-France"), [("COM", "Vitry-sur-Seine")], True),
        (("COM", "Vitry-sur-Seine"), [("COM", "Orly")], False),
    ],
)
def test_a_case_territory_meets_the_fiche_territory(case, fiche, meets):
    territory = get(*case)
    area = [get(*place) for place in fiche]
    assert outside([territory], area) == ([] if meets else [territory])


def test_nothing_is_outside_a_fiche_without_territory():
    assert outside([get("DEP", "Essonne")], []) == []
