"""benchmarks/search_benchmark.py's options and report, without running it (no database, no
server): the database name it interpolates into DROP/CREATE DATABASE, the backends it compares,
and the side-by-side table, which leaves out the Elasticsearch reach count."""

import argparse

import pytest

from benchmarks.search_benchmark import (
    PAGES,
    build_parser,
    database_name,
    search_names,
    searches_line,
    table,
)


def test_database_name_is_a_plain_identifier():
    assert database_name("Bench_E") == "bench_e"
    for hostile in (
        "x;DROP DATABASE postgres",
        "1bench",
        "",
        "bench-e",
        "bench e",
        "test",
        "postgres",
        "benché",
    ):
        with pytest.raises(argparse.ArgumentTypeError):
            database_name(hostile)


def test_search_names_split_on_commas_and_refuse_unknown_backends():
    assert search_names("database, elasticsearch") == ["database", "elasticsearch"]
    for wrong in ("solr", ",", "database,solr"):
        with pytest.raises(argparse.ArgumentTypeError):
            search_names(wrong)


def figures(median):
    return {page: {"median_ms": median, "p95_ms": median + 1, "queries": 30} for page in PAGES}


def test_side_by_side_table_has_one_row_per_page_and_no_reach_count():
    results = {
        "database": figures(100),
        "elasticsearch": {**figures(50), "_elasticsearch_searches": 123},
    }
    rows = table(results)
    assert rows[0].startswith(
        "| page | median database (ms) | median elasticsearch (ms) | p95 database (ms) |"
    )
    assert len(rows) == 1 + len(PAGES)
    assert rows[1] == "| home | 100 | 50 | 101 | 51 | 30 | 30 |"
    assert "123" in searches_line(results)
    assert searches_line({"database": figures(100)}) == ""


def test_the_defaults_parse_and_existing_databases_are_timed_as_they_are():
    # argparse runs ``type`` on a string default: a default the check refuses broke every run
    # without --database-name.
    args = build_parser().parse_args([])
    assert args.database_name == "bench_search" and args.existing is None
    args = build_parser().parse_args(
        ["--existing", "postgres://postgres@127.0.0.1:5432/bench25_2k", "--pages", "fiche"]
    )
    assert args.existing.endswith("/bench25_2k") and args.pages == ["fiche"]
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--pages", "no such page"])
