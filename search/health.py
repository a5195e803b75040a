"""The health of the search index: is every document of a model in it (the fiches: the
``SEARCH_INDEX_HEALTH_MODEL`` setting), and does its schema match the code?

Read by ``manage.py search_index_health`` (for operators and monitoring: it exits with 1 when
something is wrong). Wagtail logs and swallows indexing errors (an unreachable Elasticsearch
while an editor publishes), so a fiche can be missing from the index without anybody knowing;
the nightly ``update_index`` repairs it, this check tells.

- Documents: the objects the index holds against those in the database, all of them and the
  published ones (the index keeps drafts too, for the admin's search; the public search filters
  on ``live``).
- Per site and language: for each site (its root page and the root's translations: an English
  fiche lives under the English home) and each language, the published objects in the database
  and how many of them the index holds. Drift there means a territory's or a language's fiches
  are missing from its search, even when the totals look close.
- Schema (Elasticsearch only): every field of the code's mapping of the model is in the index with
  the same type, and the index analyzes French (the settings of
  ``search/elasticsearch_backend.py``). A difference means the code changed since the last full
  ``update_index``.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

SCROLL_PAGE = 2000  # pks per scroll page when listing an Elasticsearch index's documents
NO_SITE = "(hors site)"


@dataclass
class GroupHealth:
    """The published objects of one site in one language."""

    site: str  # the site's host name, or NO_SITE
    language: str  # a language code, or "" for an object without locale
    live: int  # published objects in the database
    indexed_live: int  # of those, the documents in the index

    @property
    def healthy(self):
        return self.indexed_live == self.live

    def as_dict(self):
        return {
            "site": self.site,
            "language": self.language,
            "live": self.live,
            "indexed_live": self.indexed_live,
        }


@dataclass
class IndexHealth:
    backend: str
    engine: str
    index: str
    label: str  # what the documents are, plural (the model's verbose name: "fiches d'aide")
    documents: int  # in the database
    indexed: int  # documents in the index
    live: int  # published objects in the database
    indexed_live: int  # published documents in the index
    schema_problems: list = field(default_factory=list)
    groups: list = field(default_factory=list)  # GroupHealth, per site and language

    @property
    def healthy(self):
        return (
            self.indexed == self.documents
            and self.indexed_live == self.live
            and not self.schema_problems
            and all(group.healthy for group in self.groups)
        )

    def as_dict(self):
        """For ``/sante/``'s details (staff only: it names the index)."""
        return {
            "backend": self.backend,
            "engine": self.engine,
            "index": self.index,
            "healthy": self.healthy,
            "documents": self.documents,
            "indexed": self.indexed,
            "live": self.live,
            "indexed_live": self.indexed_live,
            "schema_problems": self.schema_problems,
            "groups": [group.as_dict() for group in self.groups],
        }

    def lines(self):
        state = "OK" if self.healthy else "À RÉPARER"
        lines = [
            f"[{state}] {self.backend} : {self.engine}, index {self.index}",
            f"  {self.label} indexées : {self.indexed} / {self.documents} en base",
            f"  {self.label} publiées indexées : {self.indexed_live} / {self.live} publiées",
        ]
        if self.engine.startswith("Elasticsearch"):
            lines.append(
                "  schéma : "
                + ("conforme au code" if not self.schema_problems else "DIFFÉRENT du code")
            )
        lines += [f"    - {problem}" for problem in self.schema_problems]
        for group in self.groups:
            mark = "" if group.healthy else "  ← écart"
            lines.append(
                f"  {group.site} ({group.language or '—'}) : {group.indexed_live} / "
                f"{group.live} publiées indexées{mark}"
            )
        if not self.healthy:
            lines.append(
                f"  → lancez « manage.py update_index --backend {self.backend} » "
                "(reconstruction atomique : le site garde l'ancien index jusqu'à la fin)."
            )
        return lines


def checked_model():
    """The model whose documents are counted: ``SEARCH_INDEX_HEALTH_MODEL`` ("app.Model")."""
    return apps.get_model(settings.SEARCH_INDEX_HEALTH_MODEL)


def check(backend_name="default", model=None):
    model = model or checked_model()
    backend = get_search_backend(backend_name)
    objects = model.objects.all()
    if hasattr(backend, "es"):
        return elasticsearch_health(backend_name, backend, objects)
    return database_health(backend_name, objects)


def database_health(backend_name, objects):
    content_type = ContentType.objects.get_for_model(objects.model)
    entries = IndexEntry.objects.filter(content_type=content_type)
    live_ids = [str(pk) for pk in objects.live().values_list("pk", flat=True)]
    indexed_live = {
        int(pk) for pk in entries.filter(object_id__in=live_ids).values_list("object_id", flat=True)
    }
    return IndexHealth(
        backend=backend_name,
        engine="base de données",
        index=IndexEntry._meta.db_table,
        label=str(objects.model._meta.verbose_name_plural),
        documents=objects.count(),
        indexed=entries.count(),
        live=len(live_ids),
        indexed_live=len(indexed_live),
        groups=groups(objects, indexed_live),
    )


def elasticsearch_health(backend_name, backend, objects):
    index = backend.get_index_for_model(objects.model)
    mapping = backend.mapping_class(objects.model)
    content_type = {"match": {"_django_content_type": mapping.get_content_type()}}
    live = {"term": {mapping.get_field_column_name(_filter_field(objects.model, "live")): True}}
    engine = f"Elasticsearch ({backend.__class__.__name__})"
    # (Wagtail's ``index.exists()`` passes the name positionally, which client 8+ refuses.)
    if not backend.es.indices.exists(index=index.name):
        return IndexHealth(
            backend=backend_name,
            engine=engine,
            index=index.name,
            label=str(objects.model._meta.verbose_name_plural),
            documents=objects.count(),
            indexed=0,
            live=objects.live().count(),
            indexed_live=0,
            schema_problems=["l'index n'existe pas"],
            groups=groups(objects, set()),
        )
    live_query = {"bool": {"filter": [content_type, live]}}
    return IndexHealth(
        backend=backend_name,
        engine=engine,
        index=index.name,
        label=str(objects.model._meta.verbose_name_plural),
        documents=objects.count(),
        indexed=_count(backend, index, content_type),
        live=objects.live().count(),
        indexed_live=_count(backend, index, live_query),
        schema_problems=schema_problems(backend, index, mapping),
        groups=groups(objects, set(indexed_pks(backend, index, live_query))),
    )


def _filter_field(model, name):
    return next(f for f in model.get_filterable_search_fields() if f.field_name == name)


def _count(backend, index, query):
    if backend.use_new_elasticsearch_api:
        return backend.es.count(index=index.name, query=query)["count"]
    # The 7.x clients before 7.15 (the 7.10 node of ``make elasticsearch``) take a body.
    return backend.es.count(index=index.name, body={"query": query})["count"]


def indexed_pks(backend, index, query):
    """The pks of the index's documents matching ``query`` (scrolled, only ``pk`` fetched)."""
    body = {"query": query, "_source": False, "stored_fields": "pk", "size": SCROLL_PAGE}
    if backend.use_new_elasticsearch_api:
        page = backend.es.search(index=index.name, scroll="1m", **body)
    else:  # the 7.x clients before 7.15 take the request's body whole
        page = backend.es.search(index=index.name, scroll="1m", body=body)
    try:
        while True:
            hits = page["hits"]["hits"]
            yield from (int(hit["fields"]["pk"][0]) for hit in hits)
            if len(hits) < SCROLL_PAGE:
                break
            page = backend.es.scroll(scroll_id=page["_scroll_id"], scroll="1m")
    finally:
        if "_scroll_id" in page:
            backend.es.clear_scroll(scroll_id=page["_scroll_id"])


def site_roots():
    """[(path prefix, host name)] of every site's root page and its translations."""
    roots = []
    for site in Site.objects.select_related("root_page"):
        for root in site.root_page.get_translations(inclusive=True).only("path"):
            roots.append((root.path, site.hostname))
    return roots


def groups(objects, indexed_live):
    """Per site and language, the published objects and how many of ``indexed_live`` (pks)
    they include; an object of no site's tree counts under NO_SITE."""
    model = objects.model
    fields = ["pk"]
    if issubclass(model, Page):
        fields.append("path")
    if any(f.name == "locale" for f in model._meta.get_fields()):
        fields.append("locale__language_code")
    roots = site_roots() if "path" in fields else []
    counts = {}
    for row in objects.live().values(*fields):
        language = row.get("locale__language_code", "")
        sites = [host for path, host in roots if row["path"].startswith(path)] or [NO_SITE]
        for host in sites:
            live, indexed = counts.get((host, language), (0, 0))
            counts[(host, language)] = (live + 1, indexed + (row["pk"] in indexed_live))
    return [
        GroupHealth(site=host, language=language, live=live, indexed_live=indexed)
        for (host, language), (live, indexed) in sorted(counts.items())
    ]


def staff_details():
    """Every configured backend's health, as ``/sante/`` shows it to staff (settings'
    ``HEALTH_STAFF_DETAILS``): counts per site and language, schema, index names."""
    reports = []
    for name in settings.WAGTAILSEARCH_BACKENDS:
        try:
            reports.append(check(name).as_dict())
        except Exception as error:  # noqa: BLE001 (an unreachable engine is a finding)
            reports.append({"backend": name, "healthy": False, "error": type(error).__name__})
    return {"backends": reports}


def schema_problems(backend, index, mapping):
    """What differs between the index and the code: missing fields, other types, analysis."""
    problems = []
    expected = mapping.get_mapping()["properties"]
    answer = backend.es.indices.get_mapping(index=index.name)
    actual = next(iter(dict(answer).values()), {}).get("mappings", {}).get("properties", {})
    for name, definition in sorted(expected.items()):
        if name not in actual:
            problems.append(f"champ absent de l'index : {name}")
        elif actual[name].get("type", "object") != definition.get("type", "object"):
            problems.append(
                f"champ {name} : {actual[name].get('type', 'object')} dans l'index, "
                f"{definition.get('type', 'object')} dans le code"
            )
    answer = backend.es.indices.get_settings(index=index.name)
    settings = next(iter(dict(answer).values()), {}).get("settings", {})
    analyzer = settings.get("index", {}).get("analysis", {}).get("analyzer", {})
    expected_filters = backend.settings["settings"]["analysis"]["analyzer"]["default"]["filter"]
    if analyzer.get("default", {}).get("filter") != expected_filters:
        problems.append(
            "l'analyseur par défaut de l'index n'est pas l'analyseur français du code "
            f"({', '.join(expected_filters)})"
        )
    return problems
