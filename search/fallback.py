"""Search that survives Elasticsearch going down: the database index answers instead.

When Elasticsearch does not answer (connection refused, timeout, a 5xx or 429 answer, the index
missing), every search through the Elasticsearch backend — ``search()``, ``autocomplete()``,
``ranked_ids()``, and the lazy results they return, whose request is only sent when they are
sliced, iterated or counted — is answered by the **database backend** instead
(``SEARCH_FALLBACK_BACKEND``, the ``WAGTAILSEARCH_BACKENDS`` alias ``"database"``). The visitor
sees ordinary results (ranked by the database's own relevance); nothing on the page says so.

Why the database index and not a plain ORM query: with ``ELASTICSEARCH_URL`` set the settings
keep the database backend as a second ``WAGTAILSEARCH_BACKENDS`` entry
(``config/settings/base.py``), and Wagtail indexes every saved object into every configured
backend, so the database index stays as current as Elasticsearch (more so during an outage:
an editor's publication then reaches the database index while Elasticsearch misses it). The
fallback thus has the stemming, accent folding, synonyms and ranking of the project's default
backend, which the relevance suite proves, where an ``icontains`` on titles would miss
« prêts » for « pret ». The cost: each save writes two indexes, and ``update_index`` rebuilds
both (``--backend default`` rebuilds Elasticsearch alone).

**Circuit**: after a failure, Elasticsearch is skipped for ``RETRY_AFTER`` seconds (each
process on its own), so a node that times out costs one timeout per process and period, not
one per request; the next search after the delay tries it again. A WARNING (logger
``search.fallback``) is written at most once per ``WARN_EVERY`` seconds per process, with the
error's type and text for the operator. Errors that mean a bug (a 400: a query Elasticsearch
rejects) are not caught: they must fail the tests, not hide behind the fallback.

Without a fallback alias configured, errors propagate as before.
"""

import logging
import threading
import time

import elasticsearch
from django.conf import settings
from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import Fuzzy
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

RETRY_AFTER = 30  # seconds without trying Elasticsearch after a failure
WARN_EVERY = 60  # seconds between two warnings of one process
PROBE_TIMEOUT = 2  # seconds: /sante/'s request to the engine
DEFAULT_FALLBACK_ALIAS = "database"

# The clients' error classes: 7.x has ConnectionError < TransportError (with ``status_code``);
# 8.x/9.x have elastic_transport's TransportError (no answer: connection, timeout) and ApiError
# (an answer with an error status).
_TRANSPORT_ERRORS = tuple(
    cls
    for cls in (getattr(elasticsearch, "TransportError", None),)
    if isinstance(cls, type) and issubclass(cls, Exception)
)
_API_ERRORS = tuple(
    cls
    for cls in (getattr(elasticsearch, "ApiError", None),)
    if isinstance(cls, type) and issubclass(cls, Exception)
)
_NOT_ERRORS = tuple(
    cls
    for cls in (getattr(elasticsearch, "SerializationError", None),)
    if isinstance(cls, type) and issubclass(cls, Exception)
)
ENGINE_ERRORS = _TRANSPORT_ERRORS + _API_ERRORS


def _status(error):
    status = getattr(error, "status_code", None)  # 7.x: int or "N/A"; 9.x ApiError: int
    if status is None:
        meta = getattr(error, "meta", None)
        status = getattr(meta, "status", None)
    return status if isinstance(status, int) else None


def engine_down(error):
    """Whether ``error`` means Elasticsearch does not answer this request (rather than a bug of
    ours): the database answers it instead."""
    if not isinstance(error, ENGINE_ERRORS) or isinstance(error, _NOT_ERRORS):
        return False
    status = _status(error)
    if status is None:  # no answer at all: refused, timeout, reset, DNS
        return True
    return status >= 500 or status in (404, 429)  # server error, index missing, overloaded


def engine_out(error):
    """Whether ``error`` means the engine is out for every search, not only this one: no
    answer, a gateway's 502/503/504, the index missing. Only these open the circuit: a 500 or
    a 429 caused by one costly query falls back for that request alone, without sending every
    search of the process to the database for ``RETRY_AFTER`` seconds."""
    if not engine_down(error):
        return False
    status = _status(error)
    if status is None or status in (502, 503, 504):
        return True
    # The 7.x client's ``error`` and client 9's ``message`` are the error's type.
    return status == 404 and "index_not_found" in str(getattr(error, "error", ""))


class Circuit:
    """Per process: is Elasticsearch skipped, and when was the last warning written."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.open_until = None
        self.last_warning = None
        self.last_error = None  # the error's class name, for staff

    @property
    def is_open(self):
        return self.open_until is not None and self.clock() < self.open_until

    def skips(self):
        """Whether this search skips Elasticsearch. When the delay is over, the first search to
        ask tries the engine again and the others keep skipping it meanwhile (half-open), so
        a hung node costs one timeout per process and delay, not one per thread."""
        with self.lock:
            if self.open_until is None:
                return False
            now = self.clock()
            if now < self.open_until:
                return True
            self.open_until = now + RETRY_AFTER  # this search is the probe
            return False

    def answered(self):
        """Elasticsearch answered: searches go to it again."""
        if self.open_until is not None:
            self.close()

    def failed(self, error, action):
        """A search failed on Elasticsearch: open the circuit if the engine is out
        (``engine_out``), warn (at most once a minute) either way."""
        if engine_out(error):
            self.trip(error, action)
        else:
            self.warn(error, action, skipped=False)

    def trip(self, error, action):
        with self.lock:
            self.open_until = self.clock() + RETRY_AFTER
        self.warn(error, action, skipped=True)

    def warn(self, error, action, skipped):
        with self.lock:
            now = self.clock()
            self.last_error = type(error).__name__
            warn = self.last_warning is None or now - self.last_warning >= WARN_EVERY
            if warn:
                self.last_warning = now
        if warn:
            logger.warning(
                "Elasticsearch does not answer (%s during %s: %s): searching the database "
                "index instead%s",
                type(error).__name__,
                action,
                error,
                f", Elasticsearch retried in {RETRY_AFTER} s" if skipped else "",
            )

    def close(self):
        with self.lock:
            self.open_until = None

    def reset(self):
        """Back to the start (tests)."""
        with self.lock:
            self.open_until = self.last_warning = self.last_error = None


circuit = Circuit()


def fallback_alias():
    """The alias of the database backend that answers when Elasticsearch does not, or None."""
    alias = getattr(settings, "SEARCH_FALLBACK_BACKEND", DEFAULT_FALLBACK_ALIAS)
    return alias if alias in settings.WAGTAILSEARCH_BACKENDS else None


def database_backend(language=None):
    """The fallback backend, searching in ``language`` where it can, or None."""
    alias = fallback_alias()
    if alias is None:
        return None
    backend = get_search_backend(alias)
    if language and hasattr(backend, "for_language"):
        return backend.for_language(language)
    return backend


class SurvivingResults:
    """Elasticsearch's lazy results, answered by the database's when the request fails.

    Slicing and ``annotate_score`` apply to both; the first evaluation (iteration, count,
    indexing) sends the Elasticsearch request and, if the engine is down, evaluates the database
    backend's same search with the same slice instead.
    """

    def __init__(self, primary, fallback, action):
        self.primary = primary
        self.fallback = fallback  # a callable returning the database backend's results
        self.action = action
        self.model = primary.model
        self._answer = None

    def _derive(self, operation):
        return SurvivingResults(
            operation(self.primary), lambda: operation(self.fallback()), self.action
        )

    def _evaluate(self, operation):
        if circuit.skips():
            return operation(self.fallback())
        try:
            answer = operation(self.primary)
        except Exception as error:
            if not engine_down(error):
                raise
            circuit.failed(error, self.action)
            return operation(self.fallback())
        circuit.answered()
        return answer

    def results(self):
        if self._answer is None:
            self._answer = self._evaluate(lambda results: list(results))
        return self._answer

    def count(self):
        if self._answer is not None:
            return len(self._answer)
        return self._evaluate(lambda results: results.count())

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self._derive(lambda results: results[key])
        if self._answer is not None:
            return self._answer[key]
        return self._evaluate(lambda results: results[key])

    def __iter__(self):
        return iter(self.results())

    def __len__(self):
        return len(self.results())

    def __bool__(self):
        return bool(self.results())

    def annotate_score(self, field_name):
        return self._derive(lambda results: results.annotate_score(field_name))

    def facet(self, field_name):
        return self._evaluate(lambda results: results.facet(field_name))

    @property
    def supports_facet(self):
        return getattr(self.primary, "supports_facet", False)

    def __getattr__(self, name):
        # What else Wagtail reads of search results (the admin's page search, …): the
        # engine's results' own, never evaluated here.
        if name.startswith("__") or "primary" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.primary, name)

    def __repr__(self):
        return f"<SurvivingResults of {self.primary!r}>"


def has_fuzzy(query):
    """Whether modelsearch's ``query`` holds a ``Fuzzy`` part (anywhere in its tree)."""
    if isinstance(query, Fuzzy):
        return True
    parts = getattr(query, "subqueries", None) or [getattr(query, "subquery", None)]
    return any(has_fuzzy(part) for part in parts if part is not None)


class FallbackMixin:
    """For an Elasticsearch backend: its searches survive the engine going down."""

    language = None  # set by ``for_language``: the fallback searches in the same language

    def for_language(self, language):
        clone = super().for_language(language)
        clone.language = language
        return clone

    def fallback(self):
        return database_backend(self.language)

    def search(self, query, model_or_queryset, **kwargs):
        return self._surviving("search", query, model_or_queryset, kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        return self._surviving("autocomplete", query, model_or_queryset, kwargs)

    def _surviving(self, action, query, model_or_queryset, kwargs):
        # The fallback backend is built only when needed (most searches never need it).
        if fallback_alias() is None:
            return getattr(super(), action)(query, model_or_queryset, **kwargs)
        if circuit.is_open:  # a read: the request, evaluated later, may probe the engine
            return getattr(self.fallback(), action)(query, model_or_queryset, **kwargs)
        results = getattr(super(), action)(query, model_or_queryset, **kwargs)
        if isinstance(results, EmptySearchResults):
            return results
        return SurvivingResults(
            results,
            lambda: getattr(self.fallback(), action)(query, model_or_queryset, **kwargs),
            action,
        )

    def ranked_ids(self, queryset, query, page_size=None):
        if fallback_alias() is None:
            return super().ranked_ids(queryset, query, page_size=page_size)
        if not circuit.skips():
            try:
                ids = super().ranked_ids(queryset, query, page_size=page_size)
            except Exception as error:
                if not engine_down(error):
                    raise
                circuit.failed(error, "ranked_ids")
            else:
                circuit.answered()
                return ids
        if has_fuzzy(query):
            # Typos forgiven the Elasticsearch way (``Fuzzy``, asked only after the exact
            # search found nothing): the database index cannot, so nothing more is found.
            return []
        # The database's ranking; only the pks are loaded.
        pks_only = queryset.select_related(None).prefetch_related(None).only("pk")
        results = self.fallback().search(query, pks_only, order_by_relevance=True)
        return [fiche.pk for fiche in results]

    def probe(self, model):
        """One cheap request that needs the engine and ``model``'s index: a count, within
        ``PROBE_TIMEOUT`` seconds (a load balancer's check waits less than a search may)."""
        index = self.get_index_for_model(model).name
        if hasattr(self.es, "options"):  # clients 8 and 9
            self.es.options(request_timeout=PROBE_TIMEOUT).count(index=index)
        else:  # the 7.x client
            self.es.count(index=index, request_timeout=PROBE_TIMEOUT)

    def engine_state(self, probe_model):
        """``"ok"`` when Elasticsearch answers a one-result search of ``probe_model``'s index,
        ``"degraded"`` when it does not but the database index does; raises when neither does.

        While the circuit is open the engine is not probed (a hung node would cost the load
        balancer's check a timeout each time): the state stays degraded until the retry.
        """
        if not circuit.skips():
            try:
                self.probe(probe_model)
            except Exception as error:
                if not engine_down(error) or self.fallback() is None:
                    raise
                circuit.failed(error, "health check")
            else:
                circuit.answered()
                return "ok"
        fallback = self.fallback()
        if fallback is None:
            raise RuntimeError("Elasticsearch skipped and no fallback backend configured")
        list(fallback.search("aide", probe_model)[:1])
        return "degraded"


def engine_or_fallback(backend, language=None):
    """``backend``, or the database backend while the circuit skips Elasticsearch: a search
    then runs as on a database-search site (a SQL subquery rather than a list of pks)."""
    if circuit.is_open and isinstance(backend, FallbackMixin):
        return backend.fallback() or backend
    return backend
