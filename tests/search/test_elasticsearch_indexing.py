"""Indexing on Elasticsearch, without a server: what ``update_index`` sends (index settings,
mappings, the document of a demo fiche), indexing on publish and unpublish, and the index
health command. The client class talks to the fake server of
``tests/support/elasticsearch_fake.py``.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guide.models import AidPage
from search.elasticsearch_backend import FRENCH_TEXT, Elasticsearch9SearchBackend

pytestmark = pytest.mark.django_db
ALIAS = "test_wagtailcore_page"
ALIXIO = "alixio-pme-pmi-val-de-marne-essonne"


def run(command, *args):
    out = io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def indexed(demo_guide, fake_es):
    """The demo guide indexed in the fake server by a full ``update_index``."""
    code, _output = run("update_index")
    assert code == 0
    return fake_es


def test_update_index_creates_a_french_index_behind_an_alias(indexed):
    # One index per root model (pages, images, documents, snippets), each behind its alias.
    assert set(indexed.aliases.values()) == set(indexed.indices)
    name = indexed.aliases[ALIAS]
    assert name.startswith(ALIAS + "_")
    body = indexed.indices[name]
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["default"]["filter"] == FRENCH_TEXT
    assert analysis["analyzer"]["french_autocomplete"]["filter"][-1] == "asciifolding"
    assert body["settings"]["index"]["max_ngram_diff"] == 12
    properties = indexed.mappings[name]
    assert properties["guide_aidpage__territories"]["type"] == "nested"
    assert properties["guide_aidpage__closing_date_filter"]["type"] == "date"
    assert properties["title_edgengrams"]["search_analyzer"] == "french_autocomplete"


def test_every_fiche_is_indexed_with_its_facts(indexed):
    documents = indexed.fiche_documents(ALIAS)
    assert len(documents) == AidPage.objects.count()
    alixio = AidPage.objects.get(slug=ALIXIO)
    document = documents[str(alixio.pk)]
    assert document["title"] == alixio.title
    assert document["live_filter"] is True
    assert document["locale_id_filter"] == alixio.locale_id
    assert document["guide_aidpage__promesse"] == alixio.promesse
    assert {t["slug_filter"] for t in document["guide_aidpage__aid_types"]} == {
        t.slug for t in alixio.aid_types.all()
    }
    assert {t["slug_filter"] for t in document["guide_aidpage__territories"]} == {
        t.slug for t in alixio.territories.all()
    }
    labels = {c["label"] for c in document["guide_aidpage__financial_components"]}
    assert labels == {c.label for c in alixio.financial_components.all()}
    assert document["guide_aidpage__operator"]["name"] == alixio.operator.name


def test_building_the_documents_does_not_query_per_fiche(demo_guide):
    """The vocabularies are prefetched (modelsearch skips ParentalManyToManyField)."""
    mapping = Elasticsearch9SearchBackend.mapping_class(AidPage)

    def queries_for(limit):
        with CaptureQueriesContext(connection) as context:
            for fiche in AidPage.get_indexed_objects().order_by("pk")[:limit]:
                mapping.get_document(fiche)
        return len(context.captured_queries)

    assert AidPage.objects.count() > 20
    queries_for(1)  # warms what the process caches once (content types), whatever ran before
    assert queries_for(None) == queries_for(3)


def test_publishing_indexes_and_unpublishing_keeps_the_draft_out_of_public_search(
    demo_guide, indexed, django_capture_on_commit_callbacks
):
    fiche = AidPage.objects.get(slug=ALIXIO)
    fiche.promesse = "Une promesse toute neuve"
    with django_capture_on_commit_callbacks(execute=True):
        fiche.save_revision().publish()
    document = indexed.fiche_documents(ALIAS)[str(fiche.pk)]
    assert document["guide_aidpage__promesse"] == "Une promesse toute neuve"

    with django_capture_on_commit_callbacks(execute=True):
        fiche.unpublish()
    # Still indexed for the admin's search, as a draft: the public search filters on live.
    assert indexed.fiche_documents(ALIAS)[str(fiche.pk)]["live_filter"] is False

    with django_capture_on_commit_callbacks(execute=True):
        fiche.delete()
    assert str(fiche.pk) not in indexed.fiche_documents(ALIAS)


def test_health_is_ok_after_update_index(indexed):
    code, output = run("search_index_health")
    assert code == 0, output
    fiches, live = AidPage.objects.count(), AidPage.objects.live().count()
    assert "[OK] default : Elasticsearch" in output
    assert f"fiches d'aide indexées : {fiches} / {fiches} en base" in output
    assert f"fiches d'aide publiées indexées : {live} / {live} publiées" in output
    assert "schéma : conforme au code" in output


def test_health_finds_a_fiche_missing_from_the_index(indexed):
    """What a swallowed indexing error leaves behind: Wagtail logs it, the health check tells."""
    fiche = AidPage.objects.get(slug=ALIXIO)
    del indexed.documents[(indexed.aliases[ALIAS], str(fiche.pk))]
    code, output = run("search_index_health")
    fiches = AidPage.objects.count()
    assert code == 1
    assert "[À RÉPARER]" in output
    assert f"fiches d'aide indexées : {fiches - 1} / {fiches} en base" in output
    assert "manage.py update_index --backend default" in output
    # Per site and language: the gap is in Alixio's territory, in French, and only there.
    gaps = [line for line in output.splitlines() if "← écart" in line]
    assert len(gaps) == 1 and "(fr)" in gaps[0], output
    run("update_index")
    assert run("search_index_health")[0] == 0


def test_health_finds_a_schema_that_no_longer_matches_the_code(indexed):
    name = indexed.aliases[ALIAS]
    del indexed.mappings[name]["guide_aidpage__sectors"]
    indexed.mappings[name]["guide_aidpage__staff_min_filter"] = {"type": "keyword"}
    indexed.indices[name]["settings"]["analysis"]["analyzer"]["default"]["filter"] = ["lowercase"]
    code, output = run("search_index_health")
    assert code == 1
    assert "schéma : DIFFÉRENT du code" in output
    assert "champ absent de l'index : guide_aidpage__sectors" in output
    assert "guide_aidpage__staff_min_filter : keyword dans l'index, integer dans le code" in output
    assert "l'analyseur par défaut de l'index n'est pas l'analyseur français" in output


def test_health_without_an_index(demo_guide, fake_es):
    code, output = run("search_index_health")
    assert code == 1
    assert "l'index n'existe pas" in output
    assert "fiches d'aide indexées : 0 /" in output


def test_health_of_the_database_backend(demo_guide):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    code, output = run("search_index_health")
    assert code == 0, output
    assert "[OK] default : base de données" in output
    IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(AidPage),
        object_id=str(AidPage.objects.live().first().pk),
    ).delete()
    code, output = run("search_index_health")
    live = AidPage.objects.live().count()
    assert code == 1
    assert f"fiches d'aide publiées indexées : {live - 1} / {live} publiées" in output
    assert len([line for line in output.splitlines() if "← écart" in line]) == 1, output


def test_health_refuses_an_unknown_backend(demo_guide):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Moteur inconnu : autre"):
        call_command("search_index_health", "--backend", "autre", stdout=io.StringIO())
