"""Whether two sets of territories share ground: a case's territory must meet its fiche's.

A business is eligible for a case when it is both in the fiche's territory and in the case's
(guide/matching/rules.py), so a case whose territory shares no commune with the fiche's could
never hold. Two territories meet when one contains the other or they share a commune: Essonne
meets the EPT Grand-Orly Seine Bièvre (Athis-Mons is in both), the Val-de-Marne does not meet
the Essonne. Containment is ``Territory.parents``, at any depth.
"""

from guide.models.territory import Territory


def with_descendants(territories):
    """The pks of ``territories`` and of every territory inside one of them, at any depth (one
    query per level: commune, EPT or département, région, pays)."""
    found = {territory.pk for territory in territories}
    frontier = set(found)
    while frontier:
        below = set(Territory.objects.filter(parents__in=frontier).values_list("pk", flat=True))
        frontier = below - found
        found |= frontier
    return found


def outside(territories, area):
    """The territories of ``territories`` that share no ground with ``area`` (territories),
    in their order. Nothing is outside an empty area (a draft without a territory yet)."""
    territories = list(territories)
    area = list(area)
    if not territories or not area:
        return []
    ground = with_descendants(area)
    return [territory for territory in territories if not with_descendants([territory]) & ground]


def covers_part(territory, area):
    """Whether ``territory`` shares ground with ``area`` (territories) without holding all of
    it: the Essonne on a fiche of the Val-de-Marne and the Essonne, or of the EPT."""
    below = with_descendants([territory])
    return bool(below & with_descendants(area)) and not all(t.pk in below for t in area)
