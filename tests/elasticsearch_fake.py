"""A stand-in for an Elasticsearch server, patched onto the client class (no network).

It answers only the search bodies a test taught it, page by page (scroll included), and records
every call, so a test proves both what the site sends and what it makes of the answer. A body
nobody taught fails the test with the body in the message.
"""

import json
from dataclasses import dataclass, field

import pytest

ES_PARAMS = {
    "BACKEND": "search.elasticsearch9",
    "URLS": ["http://elasticsearch.invalid:9200"],
    "INDEX_PREFIX": "test_",
    "TIMEOUT": 1,
}


def body_key(query):
    return json.dumps(query, sort_keys=True, default=str)


@dataclass
class FakeElasticsearch:
    answers: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)
    scrolls: dict = field(default_factory=dict)
    cleared: list = field(default_factory=list)
    documents: dict = field(default_factory=dict)  # {(index, id): document}
    indices: dict = field(default_factory=dict)  # {name: body given on creation}
    mappings: dict = field(default_factory=dict)  # {name: mapping put}
    counts: dict = field(default_factory=dict)  # {body key: count}, for count()

    def teach(self, query, pks):
        """``query`` (a compiled query) is answered with ``pks``, in that order."""
        self.answers[body_key(query)] = [str(pk) for pk in pks]

    def search(self, index=None, query=None, size=10, scroll=None, from_=0, **kwargs):
        call = {"index": index, "query": query, "size": size, "scroll": scroll}
        self.calls.append({**call, **kwargs})
        key = body_key(query)
        if key not in self.answers:
            pytest.fail(f"Elasticsearch was asked a query no test expected: {key}")
        pks = self.answers[key][from_:]
        if scroll is None:
            return self._page(pks[:size])
        scroll_id = f"scroll-{len(self.scrolls)}"
        self.scrolls[scroll_id] = (pks, size, size)
        return self._page(pks[:size], scroll_id)

    def scroll(self, scroll_id=None, scroll=None, **kwargs):
        pks, size, position = self.scrolls[scroll_id]
        self.scrolls[scroll_id] = (pks, size, position + size)
        return self._page(pks[position : position + size], scroll_id)

    def clear_scroll(self, scroll_id=None, **kwargs):
        self.cleared.append(scroll_id)
        return {"succeeded": True}

    def index(self, index=None, id=None, document=None, **kwargs):
        self.documents[(index, str(id))] = document
        return {"result": "created"}

    def delete(self, index=None, id=None, **kwargs):
        self.documents.pop((index, str(id)), None)
        return {"result": "deleted"}

    def count(self, index=None, body=None, query=None, **kwargs):
        query = query if query is not None else (body or {}).get("query")
        key = body_key(query)
        if key in self.counts:
            return {"count": self.counts[key]}
        return {"count": sum(1 for (name, _id) in self.documents if name == index)}

    # The ``indices`` namespace --------------------------------------------------------------

    def indices_create(self, index=None, **body):
        self.indices[index] = body
        return {"acknowledged": True}

    def indices_put_mapping(self, index=None, **mapping):
        self.mappings[index] = mapping
        return {"acknowledged": True}

    def indices_get_mapping(self, index=None, **kwargs):
        return {name: {"mappings": self.mappings[name]} for name in self.mappings}

    def indices_exists(self, index=None, **kwargs):
        return index in self.indices

    @staticmethod
    def _page(pks, scroll_id=None):
        hits = [{"_id": pk, "_score": 1.0, "fields": {"pk": [pk]}} for pk in pks]
        page = {"hits": {"total": {"value": len(pks)}, "hits": hits}}
        if scroll_id:
            page["_scroll_id"] = scroll_id
        return page


def patch_client(monkeypatch):
    """Route the Elasticsearch client class's calls to a new fake server, returned."""
    from elasticsearch import Elasticsearch
    from elasticsearch._sync.client.indices import IndicesClient

    fake = FakeElasticsearch()

    def forward(name):
        return lambda _client, *args, **kwargs: getattr(fake, name)(*args, **kwargs)

    for name in ("search", "scroll", "clear_scroll", "index", "delete", "count"):
        monkeypatch.setattr(Elasticsearch, name, forward(name))
    for name in ("create", "put_mapping", "get_mapping", "exists"):
        monkeypatch.setattr(IndicesClient, name, forward(f"indices_{name}"))
    return fake


@pytest.fixture
def fake_es(monkeypatch, settings):
    """The site's search on the French Elasticsearch 9 backend, talking to a fake server."""
    fake = patch_client(monkeypatch)
    settings.WAGTAILSEARCH_BACKENDS = {"default": dict(ES_PARAMS)}
    return fake
