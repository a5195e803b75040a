"""Spelling correction without a database (search/typos.py): pg_trgm's similarity computed in
Python, the closest word of a vocabulary, and the corrected text."""

import pytest

from search.typos import (
    MIN_SIMILARITY,
    closest_in_python,
    similarity,
    trigrams,
    typed_words,
    with_closest_words,
)

TITLES = [
    "Reboost – Soutien aux entreprises de la CCI du Val-de-Marne",
    "Subvention pour une logistique décarbonée",
    "Incubateur numérique de Villejuif",
    "Pépinière et hôtel d'entreprises",
    "Prêt d'honneur pour les créateurs",
]


def test_trigrams_are_pg_trgms():
    assert trigrams("ab") == {"  a", " ab", "ab "}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    # The values PostgreSQL 15's pg_trgm gives (SELECT similarity('reboots', 'reboost')).
    [("reboots", "reboost", 5 / 11), ("subvension", "subvention", 8 / 14), ("abc", "abc", 1.0)],
)
def test_similarity_is_pg_trgms(first, second, expected):
    assert similarity(first, second) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("reboots", ("reboost", "reboost")),
        ("subvension", ("subvention", "subvention")),
        ("incubateurr", ("incubateur", "incubateur")),
        ("pepinere", ("pepiniere", "pépinière")),  # shown with the titles' accents
    ],
)
def test_closest_word_of_the_titles(typed, expected):
    assert closest_in_python([typed], TITLES) == {typed: expected}


def test_a_right_word_is_its_own_closest():
    assert closest_in_python(["subvention"], TITLES)["subvention"][0] == "subvention"
    assert with_closest_words("Subvention", closest_in_python(["subvention"], TITLES)) is None


def test_a_far_word_has_none():
    assert similarity("bonjour", "jour") < MIN_SIMILARITY
    assert closest_in_python(["zzyzx", "bonjour"], [*TITLES, "Bon jour"]) == {}


def test_the_text_keeps_what_needs_no_correction():
    text = "Une subvension pour l'incubateurr !"
    closest = closest_in_python(typed_words(text), TITLES)
    assert with_closest_words(text, closest) == "Une subvention pour l'incubateur !"


def test_typed_words_are_folded_without_stop_words_nor_short_words():
    assert typed_words("Le Prêt de la BPI et un os") == ["pret", "bpi"]


def test_an_attackers_long_query_corrects_five_words_at_most():
    """A visitor chooses the text: 50 words (the 200 characters the search keeps) cost no more
    than five, and a word too long to be a typo of a title's is left as typed."""
    text = " ".join(f"subvension{n}" for n in range(50))
    assert typed_words(text) == [f"subvension{n}" for n in range(5)]
    assert typed_words("incubateurrrrrrrrrrrrrrrrrrrrrrrrrr pret") == ["pret"]
