"""Index many objects at once instead of one search-index update per save."""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.search.backends import get_search_backends


@contextmanager
def bulk_indexing(model):
    """Within the block, saving ``model`` does not update the search index; on exit the objects
    whose pks were added to the yielded list are indexed in one batch per backend.

    Per-save indexing costs one index update per object (and, on SQLite, a refresh of the
    title norms each time); a batch costs one.
    """
    saved_pks = []
    post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield saved_pks
    finally:
        post_save.connect(post_save_signal_handler, sender=model)
    if saved_pks:
        objects = list(model.get_indexed_objects().filter(pk__in=saved_pks))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)
