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


class Response(dict):
    """A response as the client returns it: a mapping that also has ``body``."""

    @property
    def body(self):
        return self


def not_found(name):
    from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
    from elasticsearch import NotFoundError

    meta = ApiResponseMeta(404, "1.1", HttpHeaders(), 0.0, NodeConfig("http", "localhost", 9200))
    return NotFoundError(f"no such index [{name}]", meta, {"status": 404})


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
    aliases: dict = field(default_factory=dict)  # {alias: index}

    def resolve(self, name):
        return self.aliases.get(name, name)

    def fiche_documents(self, index):
        name = self.resolve(index)
        return {
            doc_id: document
            for (doc_index, doc_id), document in self.documents.items()
            if doc_index == name and "guide.AidPage" in document["_django_content_type"]
        }

    def teach(self, query, pks):
        """``query`` (a compiled query) is answered with ``pks``, in that order."""
        self.answers[body_key(query)] = [str(pk) for pk in pks]

    def search(self, index=None, query=None, size=10, scroll=None, from_=0, **kwargs):
        call = {"index": index, "query": query, "size": size, "scroll": scroll}
        self.calls.append({**call, **kwargs})
        key = body_key(query)
        if key in self.answers:
            pks = self.answers[key][from_:]
        elif self.is_filter(query):  # a listing of documents (search/health.py): the stored ones
            pks = self.filtered_pks(index, query)[from_:]
        else:
            pytest.fail(f"Elasticsearch was asked a query no test expected: {key}")
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
        return Response(succeeded=True)

    def index(self, index=None, id=None, document=None, **kwargs):
        self.documents[(self.resolve(index), str(id))] = document
        return Response(result="created")

    def delete(self, index=None, id=None, **kwargs):
        if self.documents.pop((self.resolve(index), str(id)), None) is None:
            raise not_found(index)
        return Response(result="deleted")

    def bulk(self, operations=None, index=None, **kwargs):
        lines = [json.loads(line) for line in operations]
        items = []
        for action, document in zip(lines[::2], lines[1::2], strict=True):
            ((operation, meta),) = action.items()
            name = self.resolve(meta.get("_index", index))
            self.documents[(name, str(meta["_id"]))] = document
            items.append({operation: {"_index": name, "_id": meta["_id"], "status": 201}})
        return Response(took=1, errors=False, items=items)

    def count(self, index=None, query=None, **kwargs):
        name = self.resolve(index)
        documents = [doc for (doc_index, _id), doc in self.documents.items() if doc_index == name]
        return Response(count=sum(1 for doc in documents if self.matches(doc, query)))

    @staticmethod
    def is_filter(query):
        """A query of nothing but the filters ``matches`` reads (a bool of filters only)."""
        return set(query) in ({"match"}, {"term"}) or (
            set(query) == {"bool"} and set(query["bool"]) == {"filter"}
        )

    def filtered_pks(self, index, query):
        name = self.resolve(index)
        return [
            document["pk"]
            for (doc_index, _id), document in self.documents.items()
            if doc_index == name and self.matches(document, query)
        ]

    def matches(self, document, query):
        """The few filters a count uses: match on the content type, term, bool filter."""
        if "match" in query:
            ((name, value),) = query["match"].items()
            found = document.get(name)
            return value in found if isinstance(found, list) else found == value
        if "term" in query:
            ((name, value),) = query["term"].items()
            return document.get(name) == value
        if set(query) == {"bool"} and set(query["bool"]) == {"filter"}:
            filters = query["bool"]["filter"]
            filters = filters if isinstance(filters, list) else [filters]
            return all(self.matches(document, part) for part in filters)
        pytest.fail(f"The fake server cannot count with {query}")

    # The ``indices`` namespace --------------------------------------------------------------

    def indices_create(self, index=None, **body):
        self.indices[index] = body
        return Response(acknowledged=True)

    def indices_delete(self, index=None, **kwargs):
        if index not in self.indices:
            raise not_found(index)
        del self.indices[index]
        self.documents = {key: doc for key, doc in self.documents.items() if key[0] != index}
        return Response(acknowledged=True)

    def indices_refresh(self, index=None, **kwargs):
        return Response(_shards={"failed": 0})

    def indices_put_mapping(self, index=None, **mapping):
        self.mappings.setdefault(self.resolve(index), {}).update(mapping.get("properties", {}))
        return Response(acknowledged=True)

    def indices_get_mapping(self, index=None, **kwargs):
        name = self.resolve(index)
        return Response({name: {"mappings": {"properties": self.mappings.get(name, {})}}})

    def indices_get_settings(self, index=None, **kwargs):
        name = self.resolve(index)
        settings = self.indices[name].get("settings", {})
        # The server nests everything under "index".
        stored = {**settings.get("index", {}), "analysis": settings.get("analysis", {})}
        return Response({name: {"settings": {"index": stored}}})

    def indices_exists(self, index=None, **kwargs):
        return self.resolve(index) in self.indices

    def indices_exists_alias(self, name=None, **kwargs):
        return name in self.aliases

    def indices_get_alias(self, name=None, **kwargs):
        return Response({self.aliases[name]: {"aliases": {name: {}}}})

    def indices_put_alias(self, name=None, index=None, **kwargs):
        self.aliases[name] = index
        return Response(acknowledged=True)

    @staticmethod
    def _page(pks, scroll_id=None):
        hits = [{"_id": pk, "_score": 1.0, "fields": {"pk": [pk]}} for pk in pks]
        page = Response(hits={"total": {"value": len(pks)}, "hits": hits})
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

    for name in ("search", "scroll", "clear_scroll", "index", "delete", "bulk", "count"):
        monkeypatch.setattr(Elasticsearch, name, forward(name))
    for name in (
        "create",
        "delete",
        "refresh",
        "put_mapping",
        "get_mapping",
        "get_settings",
        "exists",
        "exists_alias",
        "get_alias",
        "put_alias",
    ):
        monkeypatch.setattr(IndicesClient, name, forward(f"indices_{name}"))
    return fake


@pytest.fixture
def fake_es(monkeypatch, settings):
    """The site's search on the French Elasticsearch 9 backend, talking to a fake server."""
    fake = patch_client(monkeypatch)
    settings.WAGTAILSEARCH_BACKENDS = {"default": dict(ES_PARAMS)}
    return fake
