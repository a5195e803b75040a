"""The Elasticsearch fallback's parts, without a database (search/fallback.py): which errors
mean the engine is down, the circuit and its warnings, lazy results answered by the fallback."""

import logging

import elastic_transport
import elasticsearch
import pytest
from modelsearch.query import And, Boost, Fuzzy, Not, Or, PlainText

from search import fallback


def api_error(status):
    """An answer with an error status, as the installed client raises it: client 9's
    ``ApiError``, or the 7.x client's ``TransportError`` (in ``.venv-es7``, where the live
    tests run: this module is collected there too)."""
    if elasticsearch.VERSION < (8,):
        return elasticsearch.TransportError(status, "error", {})
    meta = elastic_transport.ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=elastic_transport.HttpHeaders(),
        duration=0.0,
        node=elastic_transport.NodeConfig("http", "127.0.0.1", 9200),
    )
    return elasticsearch.ApiError("error", meta=meta, body={})


def no_answer(cls=elasticsearch.ConnectionError, text="refused"):
    """No answer at all (refused, timeout): the 7.x client's errors carry three arguments."""
    return cls("N/A", text, None) if elasticsearch.VERSION < (8,) else cls(text)


# What the installed client raises for an answer with an error status.
API_ERROR = elasticsearch.TransportError if elasticsearch.VERSION < (8,) else elasticsearch.ApiError


@pytest.mark.parametrize(
    ("error", "down"),
    [
        (no_answer(), True),
        (no_answer(elasticsearch.ConnectionTimeout, "timeout"), True),
        (api_error(500), True),
        (api_error(503), True),
        (api_error(429), True),
        (api_error(404), True),  # index missing
        (api_error(400), False),  # a query Elasticsearch rejects: our bug, not an outage
        (api_error(401), False),
        (elasticsearch.SerializationError("bad JSON"), False),
        (ValueError("ours"), False),
    ],
)
def test_engine_down(error, down):
    assert fallback.engine_down(error) is down


def api_error_of_type(status, error_type):
    """An error answer with the error type Elasticsearch gives in its body."""
    if elasticsearch.VERSION < (8,):
        return elasticsearch.TransportError(status, error_type, {})
    error = api_error(status)
    error.message = error_type
    return error


@pytest.mark.parametrize(
    ("error", "out"),
    [
        (no_answer(), True),
        (no_answer(elasticsearch.ConnectionTimeout, "timeout"), True),
        (api_error(503), True),
        (api_error(502), True),
        (api_error_of_type(404, "index_not_found_exception"), True),
        # One request's trouble, not the engine's: this search falls back, the others do not.
        (api_error_of_type(404, "search_context_missing_exception"), False),
        (api_error(500), False),
        (api_error(429), False),
        (api_error(400), False),
    ],
)
def test_engine_out_opens_the_circuit_only_for_the_whole_engine(error, out, circuit):
    assert fallback.engine_out(error) is out
    if fallback.engine_down(error):
        circuit.failed(error, "search")
    assert circuit.is_open is out


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def circuit(monkeypatch):
    clock = Clock()
    circuit = fallback.Circuit(clock=clock)
    monkeypatch.setattr(fallback, "circuit", circuit)
    return circuit


def test_circuit_skips_the_engine_then_retries(circuit):
    assert not circuit.is_open
    circuit.trip(no_answer(), "search")
    assert circuit.is_open
    circuit.clock.now += fallback.RETRY_AFTER - 1
    assert circuit.is_open
    circuit.clock.now += 1
    assert not circuit.is_open  # tried again


def test_after_the_delay_one_search_probes_the_engine_the_others_still_skip(circuit):
    circuit.trip(no_answer(), "search")
    assert circuit.skips()
    circuit.clock.now += fallback.RETRY_AFTER
    assert not circuit.skips()  # the first search after the delay tries the engine
    assert circuit.skips() and circuit.skips()  # the other threads keep the database
    circuit.answered()  # the engine answered the probe
    assert not circuit.skips() and not circuit.is_open


def test_a_failed_probe_keeps_the_engine_skipped(circuit):
    circuit.trip(no_answer(), "search")
    circuit.clock.now += fallback.RETRY_AFTER
    assert not circuit.skips()
    circuit.failed(no_answer(), "search")
    assert circuit.skips()
    circuit.clock.now += fallback.RETRY_AFTER - 1
    assert circuit.skips()


def test_one_warning_a_minute(circuit, caplog):
    caplog.set_level(logging.WARNING, logger="search.fallback")
    for _ in range(10):  # failing at every retry, 31 s apart: 10 failures in 5 minutes
        circuit.trip(no_answer(), "search")
        circuit.clock.now += 31
    warnings = [r for r in caplog.records if r.name == "search.fallback"]
    assert len(warnings) == 5  # 0, 62, 124, 186, 248 s
    assert all(r.levelno == logging.WARNING for r in warnings)
    assert "ConnectionError" in warnings[0].getMessage()


class Results:
    """Lazy results that fail (or not) only when evaluated, as Elasticsearch's do."""

    model = None

    def __init__(self, items, error=None):
        self.items, self.error = items, error
        self.evaluated = 0

    def __getitem__(self, key):
        if isinstance(key, slice):
            return Results(self.items[key], self.error)
        self._check()
        return self.items[key]

    def _check(self):
        if self.error:
            raise self.error

    def __iter__(self):
        self._check()
        return iter(self.items)

    def count(self):
        self._check()
        return len(self.items)


def test_results_fail_lazily_and_the_fallback_answers_with_the_same_slice(circuit):
    primary = Results(["es1", "es2"], error=no_answer())
    surviving = fallback.SurvivingResults(primary, lambda: Results(["a", "b", "c"]), "search")
    assert not circuit.is_open  # nothing sent yet
    assert list(surviving[1:3]) == ["b", "c"]
    assert circuit.is_open
    assert surviving.count() == 3
    assert surviving[0] == "a"


def test_results_of_a_live_engine_are_its_own(circuit):
    surviving = fallback.SurvivingResults(
        Results(["es1", "es2"]), lambda: pytest.fail("no fallback"), "search"
    )
    assert list(surviving) == ["es1", "es2"] and surviving.count() == 2
    assert not circuit.is_open


def test_a_rejected_query_is_not_hidden_by_the_fallback(circuit):
    surviving = fallback.SurvivingResults(
        Results([], error=api_error(400)), lambda: Results(["a"]), "search"
    )
    with pytest.raises(API_ERROR):
        list(surviving)
    assert not circuit.is_open


def test_fuzzy_queries_are_recognised_anywhere_in_the_tree():
    """The database fallback answers nothing to a fuzzy query rather than failing on it."""
    assert not fallback.has_fuzzy(And([PlainText("pret"), Or([PlainText("aide")])]))
    assert fallback.has_fuzzy(Fuzzy("subvension"))
    assert fallback.has_fuzzy(And([PlainText("pret"), Or([Boost(Fuzzy("aide"), 2)])]))
    assert fallback.has_fuzzy(Not(Fuzzy("aide")))


def test_surviving_results_answer_what_wagtail_reads_before_evaluating():
    primary = Results(["es1"])
    primary.supports_facet = True
    primary.extra = "the engine's"
    surviving = fallback.SurvivingResults(primary, lambda: Results(["db1"]), "search")
    assert surviving.supports_facet is True
    assert surviving.extra == "the engine's"
    assert fallback.SurvivingResults(Results([]), list, "search").supports_facet is False
    with pytest.raises(AttributeError):
        surviving.missing  # noqa: B018
