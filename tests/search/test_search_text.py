"""Query normalisation and parsing: accents, elisions, stop words, synonyms, stems."""

import pytest
from modelsearch.query import And, MatchAll, Or, PlainText

from guide.models import AidPage
from search.query import MAX_WORDS, parse_query
from search.text import fold, light_stem, words
from tests.support.factories import AidPageFactory

GROUPS = [
    [("embauche",), ("recrutement",), ("emploi",)],
    [("pret", "honneur"), ("pret", "taux", "zero")],
]


def test_fold_removes_case_and_accents():
    assert fold("Prêt à Taux Zéro – L'Haÿ-les-Roses") == "pret a taux zero – l'hay-les-roses"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L'industrie", ["industrie"]),
        ("l’économie d’entreprise", ["economie", "entreprise"]),
        ("Aides pour les PME-PMI du Val-de-Marne", ["aides", "pme", "pmi", "val", "marne"]),
        ("jusqu'à 15 000 €", ["15", "000"]),
        ("<script>alert(1)</script>", ["script", "alert", "1", "script"]),
        ("", []),
    ],
)
def test_words(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("recrutement", "recrut"),
        ("recruter", "recrut"),
        ("recrutements", "recrut"),
        ("entreprises", "entrepris"),
        ("entreprise", "entrepris"),
        ("regionaux", "regional"),  # then matches « régionales » as a prefix
        ("industrielle", "industriell"),
        ("aide", "aide"),  # short words stay whole
        ("prets", "pret"),
    ],
)
def test_light_stem(word, stem):
    assert light_stem(word) == stem


def test_plain_words_are_all_required():
    query = parse_query("pépinière Cachan", groups=[]).as_query()
    assert isinstance(query, And)
    assert [q.query_string for q in query.subqueries] == ["pepiniere", "cachan"]


def test_or_fallback_when_not_all_words_are_required():
    query = parse_query("pépinière Cachan", groups=[]).as_query(require_all=False)
    assert isinstance(query, Or)


def test_synonyms_widen_a_word():
    query = parse_query("embauche", groups=GROUPS).as_query()
    assert isinstance(query, Or)
    assert [q.query_string for q in query.subqueries] == ["embauche", "recrutement", "emploi"]


def test_longest_synonym_phrase_wins():
    parsed = parse_query("Prêt à taux zéro pour l'embauche", groups=GROUPS)
    assert [concept.alternatives[0] for concept in parsed.concepts] == [
        ("pret", "taux", "zero"),
        ("embauche",),
    ]
    assert parsed.expanded_terms == ["pret honneur", "recrutement", "emploi"]


def test_empty_query_matches_all():
    assert isinstance(parse_query("  le la  ", groups=[]).as_query(), MatchAll)
    assert parse_query(None, groups=[]).is_empty


def test_long_queries_are_cut():
    parsed = parse_query(" ".join(f"mot{i}" for i in range(50)), groups=[])
    assert len(parsed.concepts) == MAX_WORDS


def test_single_word_is_plain_text():
    assert isinstance(parse_query("BFR", groups=[]).as_query(), PlainText)


@pytest.mark.django_db
def test_synonyms_come_from_the_editors_list():
    from search.models import SynonymGroup

    SynonymGroup.objects.create(terms="vélo cargo, triporteur")
    parsed = parse_query("triporteur")
    assert ("velo", "cargo") in parsed.concepts[0].alternatives


@pytest.mark.django_db
def test_a_synonym_group_needs_two_terms():
    from django.core.exceptions import ValidationError

    from search.models import SynonymGroup

    with pytest.raises(ValidationError):
        SynonymGroup(terms="seul").full_clean()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The company's loans", ["company", "loans"]),
        ("Grants for start-ups in Vitry", ["grants", "start", "ups", "vitry"]),
        ("l'aide", ["l", "aide"]),  # no French elision in English
    ],
)
def test_english_words(text, expected):
    assert words(text, language="en") == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("companies", "compan"),
        ("company", "compan"),
        ("hiring", "hir"),
        ("hired", "hir"),
        ("hire", "hir"),
        ("loans", "loan"),
        ("loan", "loan"),
        ("businesses", "business"),
        ("taxes", "tax"),
        ("jobs", "job"),
        ("investment", "invest"),
        ("address", "address"),  # not a plural
    ],
)
def test_light_english_stem(word, stem):
    assert light_stem(word, "en") == stem


def test_english_stop_words_are_dropped_and_french_ones_kept():
    assert [c.alternatives for c in parse_query("loans for the owner", [], "en").concepts] == [
        (("loans",),),
        (("owner",),),
    ]
    # « les » is no English word to drop (an English guide may hold French names).
    assert len(parse_query("les loans", [], "en").concepts) == 2


def test_a_lone_french_letter_is_a_stop_word():
    """As in PostgreSQL's and Elasticsearch's French stop lists: on SQLite « s » (an English
    possessive searched in French, « entreprise(s) ») was a prefix matching every fiche."""
    assert words("company's loans") == ["company", "loans"]
    assert words("entreprise(s) d honneur") == ["entreprise", "honneur"]
    assert words("plan B") == ["plan", "b"]


@pytest.mark.django_db
def test_autocomplete_takes_a_double_quote_as_no_part_of_a_word(guide_index):
    """On SQLite, modelsearch quotes each term for FTS5 without doubling the double quotes it
    holds (search/sqlite_backend.py): « 0" » was a server error in every autocomplete."""
    AidPageFactory(parent=guide_index, title="Prêt d'honneur")
    assert [page.title for page in AidPage.objects.autocomplete('"prêt')] == ["Prêt d'honneur"]
    assert list(AidPage.objects.autocomplete('0"')) == []
