#!/usr/bin/env python
"""The application's share of an Elasticsearch ``update_index``: building the documents.

    .venv/bin/python benchmarks/indexing_benchmark.py                  # 2 000 and 20 000 fiches
    .venv/bin/python benchmarks/indexing_benchmark.py --sizes 2000 --database postgres

No server is needed: for each size, a fresh database (SQLite by default, or the local
PostgreSQL), the demo guide, ``generate_aids`` up to the size, then, in a child process, the
Elasticsearch 9 documents of every fiche built exactly as ``update_index`` does (its queryset,
``order_by("pk")``, chunks of 1 000, the French backend's mapping), timed, with the number of
queries. What it leaves out is the server's own work (the bulk requests), which
``search_benchmark.py --search elasticsearch`` measures where a server is available.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_benchmark import child_env, database_url, manage, reset_database  # noqa: E402

CHUNK = 1000  # update_index's default chunk size


def measure_here():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from modelsearch.management.commands.rebuild_modelsearch_index import Command

    from guide.models import AidPage
    from search.elasticsearch_backend import Elasticsearch9SearchBackend

    mapping = Elasticsearch9SearchBackend.mapping_class(AidPage)
    queryset = AidPage.get_indexed_objects().order_by("pk")
    documents = size = 0
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        for chunk in Command().queryset_chunks(queryset, CHUNK):
            for fiche in chunk:
                document = mapping.get_document(fiche)
                size += len(json.dumps(document, default=str))
                documents += 1
        elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "fiches": documents,
                "seconds": round(elapsed, 1),
                "queries": len(queries.captured_queries),
                "mean_document_bytes": round(size / max(documents, 1)),
            }
        )
    )


def measure(url):
    output = subprocess.run(
        [sys.executable, __file__, "--measure"],
        cwd=ROOT,
        env=child_env(url),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sizes", nargs="+", type=int, default=[2000, 20000])
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure_here()
    name = "gosb_index_bench"
    reset_database(args.database, name)
    url = database_url(args.database, name)
    manage(url, "migrate", "--noinput")
    manage(url, "load_demo_guide")
    print("| fiches | documents built in | queries | mean document |")
    print("|---|---|---|---|")
    created = 0
    for size in sorted(args.sizes):
        manage(url, "generate_aids", "--count", str(size - created))
        created = size
        result = measure(url)
        print(
            f"| {result['fiches']} | {result['seconds']} s | {result['queries']} "
            f"| {result['mean_document_bytes']} bytes |",
            flush=True,
        )


if __name__ == "__main__":
    main()
