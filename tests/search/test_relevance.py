"""French relevance: the fiche a business owner expects comes in the top 3.

PostgreSQL (french_unaccent: unaccent + french_stem) must pass every case. SQLite FTS5 folds
accents but does not stem; our light-stem prefix queries close most of the gap. The cases it
still misses are listed below and expected to fail there (strictly: an unexpected pass fails,
so the list stays true). benchmarks/relevance_report.py prints the pass rate per backend.
"""

import pytest
from django.db import connection

from tests.support.relevance_queries import CASES, top_slugs

SQLITE_MISSES = {
    "pépinière d'entreprises": "bm25 on SQLite ranks other hosting fiches above La Fabrique",
    "reprendre une entreprise": "prefix stems of the synonyms match many fiches; bm25 ranks "
    "the reprise fiche 4th",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected", "note"), CASES, ids=[c[0] for c in CASES])
def test_expected_fiche_in_top_3(demo_guide, query, expected, note, request):
    if connection.vendor == "sqlite" and query in SQLITE_MISSES:
        request.applymarker(
            pytest.mark.xfail(reason=f"SQLite: {SQLITE_MISSES[query]}", strict=True)
        )
    top = top_slugs(demo_guide, query)
    assert expected in top, f"{query!r} ({note}): expected {expected}, got {top}"


def test_the_set_is_large_enough():
    assert len(CASES) >= 25
