"""Everyday words: what people type widens the query to the guide's terms, one way only."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from modelsearch.query import Or

from guide.models import AidPage
from guide.roles import EDITORS, REVIEWERS, role_group
from search.elasticsearch_backend import Elasticsearch9SearchBackend
from search.models import EverydayWords, SynonymGroup
from search.query import parse_query, stored_vocabulary
from search.text import singular, words
from tests.support.elasticsearch_fake import ES_PARAMS

EVERYDAY = [
    ("four, machine, ma boîte", "équipement, investissement"),
    ("argent", "financement, prêt d'honneur"),
    ("lancer mon activité", "création"),
]
GROUPS = [[("embauche",), ("recrutement",), ("emploi",)]]


def alternatives(text, **kwargs):
    kwargs.setdefault("everyday", EVERYDAY)
    return [concept.alternatives for concept in parse_query(text, **kwargs).concepts]


def test_an_everyday_word_also_finds_the_guide_terms():
    assert alternatives("four") == [(("four",), ("equipement",), ("investissement",))]
    assert parse_query("four", everyday=EVERYDAY).expanded_terms == [
        "équipement",
        "investissement",
    ]


def test_one_way_only_the_guide_terms_find_only_themselves():
    assert alternatives("investissement") == [(("investissement",),)]


def test_a_plural_or_a_capital_is_the_same_everyday_word():
    assert alternatives("Fours") == [(("fours",), ("equipement",), ("investissement",))]


def test_phrases_and_stop_words():
    """« pour », « mon » are dropped from the text and from the editors' phrases alike."""
    assert alternatives("argent pour lancer mon activité") == [
        (("argent",), ("financement",), ("pret", "honneur")),
        (("lancer", "activite"), ("creation",)),
    ]
    # « ma boîte » is written with a stop word: it is the word « boîte ».
    assert alternatives("boîte") == [(("boite",), ("equipement",), ("investissement",))]


def test_what_people_type_around_their_need_is_not_required():
    assert words("je veux embaucher un apprenti") == ["embaucher", "apprenti"]
    assert words("j'ai besoin d'un four, je cherche") == ["four"]


def test_an_everyday_word_keeps_its_synonyms():
    rows = [("embauche", "apprentissage")]
    assert alternatives("embauche", groups=GROUPS, everyday=rows) == [
        (("embauche",), ("recrutement",), ("emploi",), ("apprentissage",))
    ]
    # The synonyms stay two-way, and do not bring the everyday row's terms.
    assert alternatives("emploi", groups=GROUPS, everyday=rows) == [
        (("emploi",), ("embauche",), ("recrutement",))
    ]


def test_everyday_words_are_french_only():
    assert alternatives("machine", language="en") == [(("machine",),)]


def test_the_query_is_any_of_the_ways_of_saying_it():
    query = parse_query("four", everyday=EVERYDAY).as_query()
    assert isinstance(query, Or)
    assert [q.query_string for q in query.subqueries] == ["four", "equipement", "investissement"]


def test_singular():
    assert [singular(w) for w in ("fours", "travaux", "prix", "bus", "stress")] == [
        "four",
        "traval",
        "pri",
        "bus",
        "stress",
    ]


@pytest.mark.django_db
def test_both_vocabularies_are_read_in_one_query(django_assert_num_queries):
    SynonymGroup.objects.create(terms="vélo cargo, triporteur")
    EverydayWords.objects.create(words="biporteur", guide_terms="vélo cargo, logistique")
    with django_assert_num_queries(1):
        groups, everyday = stored_vocabulary()
    assert [("velo", "cargo"), ("triporteur",)] in [[p for p, _l in g] for g in groups]
    assert (
        [(("biporteur",), "biporteur")],
        [
            (("velo", "cargo"), "vélo cargo"),
            (
                ("logistique",),
                "logistique",
            ),
        ],
    ) in everyday
    assert ("velo", "cargo") in parse_query("biporteur").concepts[0].alternatives


@pytest.mark.django_db
def test_the_default_set_is_shipped():
    """Seeded by ``site_search.0006``: the words of issue 23's journeys are known."""
    for typed, guide_term in [
        ("four", ("equipement",)),
        ("boulangerie", ("artisanat",)),
        ("apprenti", ("recrutement",)),
        ("démarrer", ("creation",)),
        ("argent", ("pret", "honneur")),
        ("nettoyage", ("services",)),
        ("ma boîte", ("entreprise",)),
    ]:
        assert guide_term in parse_query(typed).concepts[0].alternatives, typed
    assert EverydayWords.objects.count() >= 25


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"words": " , ", "guide_terms": "équipement"}, "words", "au moins un mot du quotidien"),
        ({"words": "four", "guide_terms": ""}, "guide_terms", "au moins un terme du guide"),
        ({"words": "four, mon", "guide_terms": "équipement"}, "words", "« mon »"),
    ],
)
def test_bad_lines_are_explained(fields, field, message):
    with pytest.raises(ValidationError) as error:
        EverydayWords(**fields).full_clean()
    assert message in " ".join(error.value.message_dict[field])


@pytest.mark.django_db
def test_editors_manage_everyday_words(editor_client):
    url = reverse("wagtailsnippets_site_search_everydaywords:add")
    response = editor_client.post(url, {"words": "le", "guide_terms": "vélo", "note": ""})
    assert response.status_code == 200
    assert "mots trop courants" in response.content.decode()
    response = editor_client.post(
        url, {"words": "biporteur", "guide_terms": "vélo cargo", "note": "Mobilité"}
    )
    assert response.status_code == 302
    assert ("velo", "cargo") in parse_query("biporteur").concepts[0].alternatives
    listing = editor_client.get(reverse("wagtailsnippets_site_search_everydaywords:list"))
    assert "biporteur" in listing.content.decode()


@pytest.mark.django_db
def test_elasticsearch_gets_the_guide_terms():
    """No server: the compiled body asks for any of the ways of saying « four », each whole."""
    EverydayWords.objects.create(words="four", guide_terms="équipement, prêt d'honneur")
    backend = Elasticsearch9SearchBackend(dict(ES_PARAMS))
    compiler = backend.query_compiler_class(AidPage.objects.all(), parse_query("four").as_query())
    body = json.dumps(compiler.get_inner_query(), ensure_ascii=False)
    for text in ('"four"', '"equipement"', '"pret honneur"', '"operator": "and"', "should"):
        assert text in body, body


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "allowed"), [(REVIEWERS, True), (EDITORS, False)])
def test_the_teams_that_manage_synonyms_manage_everyday_words(
    role, allowed, guide, client, django_user_model
):
    user = django_user_model.objects.create_user("someone", "someone@exemple.example", "pw")
    user.groups.add(role_group(role))
    client.force_login(user)
    response = client.post(
        reverse("wagtailsnippets_site_search_everydaywords:add"),
        {"words": "biporteur", "guide_terms": "vélo cargo", "note": ""},
    )
    assert EverydayWords.objects.filter(words="biporteur").exists() is allowed, response
