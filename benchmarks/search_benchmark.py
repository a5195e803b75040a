#!/usr/bin/env python
"""Listing and search latency with 2 000 and 20 000 synthetic fiches, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/search_benchmark.py                       # both databases
    .venv/bin/python benchmarks/search_benchmark.py --databases sqlite --sizes 2000

For each database: a fresh database, migrations, the demo guide, then `generate_aids` up to each
size, a full `update_index` (and VACUUM ANALYZE on PostgreSQL), and for every page below
`--repeat` timed requests through Django's test client (in process: this measures the
application and the database, not a web server; the load tests of the production issue measure
gunicorn). Prints a Markdown table; `--output` also writes it to a file. PostgreSQL needs the
local server (postgres@127.0.0.1:5432).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PAGES = {
    "home": "/",
    "listing": "/aides/",
    "listing, 3 filters": "/aides/?type=pret&type=subvention&public=tpe&commune=vitry-sur-seine",
    "search « emploi »": "/aides/?q=emploi",
    "search « prêt à taux zéro »": "/aides/?q=pr%C3%AAt+%C3%A0+taux+z%C3%A9ro",
    "search + filters": "/aides/?q=innovation&type=subvention&commune=orly&statut=tous",
    "search, page 5": "/aides/?q=aide&statut=tous&page=5",
    "fiche": "/aides/alixio-pme-pmi-val-de-marne-essonne/",
    "suggestions": "/recherche/suggestions/?q=pr%C3%AAt",
}


def database_url(kind, name):
    if kind == "sqlite":
        return f"sqlite:////tmp/{name}.sqlite3"
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def reset_database(kind, name):
    if kind == "sqlite":
        Path(f"/tmp/{name}.sqlite3").unlink(missing_ok=True)
        return
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", PG_ADMIN, "-q", "-c", sql], check=True)


def manage(url, *args):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def measure(url, repeat):
    """Run in a child process (settings are fixed at start-up): time each page."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    output = subprocess.run(
        [sys.executable, __file__, "--measure", "--repeat", str(repeat)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure_here(repeat):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = {}
    for name, path in PAGES.items():
        for _ in range(3):  # warm up caches and the database
            assert client.get(path).status_code == 200, path
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, path
        timings.sort()
        results[name] = {
            "median_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
            "queries": len(queries.captured_queries),
        }
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--sizes", nargs="+", type=int, default=[2000, 20000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--output", help="also write the Markdown report to this file")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure_here(args.repeat)

    lines = []
    for kind in args.databases:
        name = "gosb_bench"
        reset_database(kind, name)
        url = database_url(kind, name)
        setup = {
            "migrate": manage(url, "migrate", "--noinput"),
            "demo": manage(url, "load_demo_guide"),
        }
        created = 0
        for size in sorted(args.sizes):
            generate = manage(url, "generate_aids", "--count", str(size - created))
            created = size
            index = manage(url, "update_index")
            if kind == "postgres":  # fresh statistics, as autovacuum would give a live database
                subprocess.run(["psql", url, "-q", "-c", "VACUUM ANALYZE"], check=True)
            results = measure(url, args.repeat)
            lines.append(
                f"\n### {kind}, {size} synthetic fiches (+ 32 demo fiches)\n\n"
                f"Set-up: generate_aids {generate:.0f} s, update_index {index:.0f} s "
                f"(migrate {setup['migrate']:.0f} s, demo {setup['demo']:.0f} s).\n\n"
                "| page | median (ms) | p95 (ms) | queries |\n|---|---:|---:|---:|"
            )
            for page, figures in results.items():
                median, p95, queries = (figures[k] for k in ("median_ms", "p95_ms", "queries"))
                lines.append(f"| {page} | {median} | {p95} | {queries} |")
            print("\n".join(lines[-len(results) - 1 :]), flush=True)
    report = "\n".join(lines) + "\n"
    if args.output:
        Path(args.output).write_text(report)
    print(report)


if __name__ == "__main__":
    main()
