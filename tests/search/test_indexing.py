"""Indexing many objects at once (search/indexing.py): ``deferred_indexing`` (the demo loader)
and ``bulk_indexing`` (the import, the generator of fiches) index what was saved in their block
once, on exit, and nothing if the block fails."""

from unittest import mock

import pytest
from wagtail.search.backends import get_search_backend

from guide.models import AidPage, Organisation
from search.indexing import bulk_indexing, deferred_indexing
from tests.support.factories import AidPageFactory, OrganisationFactory


def found(model, query):
    return {obj.pk for obj in get_search_backend().search(query, model)}


@pytest.fixture
def index_writes():
    """Every call of the search backend's ``add`` (one object) and ``add_bulk`` (a batch)."""
    backend = type(get_search_backend())
    with (
        mock.patch.object(backend, "add", autospec=True, side_effect=backend.add) as add,
        mock.patch.object(
            backend, "add_bulk", autospec=True, side_effect=backend.add_bulk
        ) as add_bulk,
    ):
        yield add, add_bulk


@pytest.mark.django_db
def test_deferred_indexing_indexes_each_saved_object_once_on_exit(guide_index, index_writes):
    add, add_bulk = index_writes
    with deferred_indexing():
        fiche = AidPageFactory(parent=guide_index, title="Prêt zéphyrin")
        fiche.save_revision().publish()
        organisation = OrganisationFactory(name="Coopérative zéphyrine")
        assert add.call_count == 0 and add_bulk.call_count == 0
        assert fiche.pk not in found(AidPage, "zéphyrin")
    batches = {call.args[1]: call.args[2] for call in add_bulk.call_args_list}
    assert [obj.pk for obj in batches[AidPage]] == [fiche.pk]
    assert organisation.pk in {obj.pk for obj in batches[Organisation]}
    assert len(add_bulk.call_args_list) == len(batches)  # one batch per model
    assert add.call_count == 0
    assert fiche.pk in found(AidPage, "zéphyrin")
    # After the block, a save updates the index at once again.
    fiche.title = "Prêt borée"
    fiche.save()
    assert add.call_count == 1 and fiche.pk in found(AidPage, "borée")


@pytest.mark.django_db
def test_a_failing_block_indexes_nothing_and_indexing_comes_back(guide_index, index_writes):
    add, add_bulk = index_writes
    with pytest.raises(RuntimeError), deferred_indexing():
        AidPageFactory(parent=guide_index, title="Prêt zéphyrin")
        raise RuntimeError
    assert add_bulk.call_count == 0
    fiche = AidPageFactory(parent=guide_index, title="Prêt borée")
    assert add.called and fiche.pk in found(AidPage, "borée")


@pytest.mark.django_db
def test_bulk_indexing_indexes_the_pks_given_once(guide_index, index_writes):
    add, add_bulk = index_writes
    with bulk_indexing(AidPage) as saved:
        fiche = AidPageFactory(parent=guide_index, title="Prêt zéphyrin")
        saved.append(fiche.pk)
        assert not [call for call in add.call_args_list if isinstance(call.args[1], AidPage)]
    ((_backend, model, objects),) = [call.args for call in add_bulk.call_args_list]
    assert model is AidPage and [obj.pk for obj in objects] == [fiche.pk]
    assert fiche.pk in found(AidPage, "zéphyrin")
