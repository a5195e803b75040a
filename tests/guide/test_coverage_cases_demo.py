"""The coverage panel's hints on the demo guide: no false alarm on its fiches (the demo module
of tests/guide/test_coverage_cases.py)."""

import pytest

from guide.matching.facts import FicheFacts, fiche_facts
from guide.models import AidPage
from guide.panels import case_hints


@pytest.mark.django_db
def test_no_false_alarm_on_the_demo_fiches(demo_guide):
    """Every demo fiche's prose lines, through the panel's own function, with and without its
    cases: none is flagged (Alixio's former line, ALIXIO_LINE, is now its two cases)."""
    fiches = AidPage.objects.descendant_of(demo_guide).specific()
    flagged = {}
    for fiche in fiches:
        facts = fiche_facts(fiche)
        without_cases = FicheFacts(
            territories=facts.territories, prose_conditions=facts.prose_conditions
        )
        found = case_hints(fiche, facts) + case_hints(fiche, without_cases)
        if found:
            flagged[fiche.title] = found
    assert len(fiches) > 20
    assert flagged == {}
