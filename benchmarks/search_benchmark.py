#!/usr/bin/env python
"""Listing and search latency with 2 000 and 20 000 synthetic fiches, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/search_benchmark.py                       # both databases
    .venv/bin/python benchmarks/search_benchmark.py --databases sqlite --sizes 2000
    ELASTICSEARCH_URL=http://localhost:9200 .venv/bin/python benchmarks/search_benchmark.py \\
        --search database,elasticsearch --databases postgres         # both search backends

For each database: a fresh database, migrations, the demo guide, then `generate_aids` up to each
size, a full `update_index` (and VACUUM ANALYZE on PostgreSQL), and for every page below
`--repeat` timed requests through Django's test client (in process: this measures the
application and the database, not a web server; the load tests of the production issue measure
gunicorn). Prints a Markdown table; `--output` also writes it to a file. PostgreSQL needs the
local server (postgres@127.0.0.1:5432).

`--search` picks the search backends, `database` (the default, `config.settings.test`) and/or
`elasticsearch` (`benchmarks/elasticsearch_settings.py`: the test settings on the server of
`ELASTICSEARCH_URL`, with the other variables of `search/elasticsearch_config.py`). Both run on
the same database and fiches: each backend gets its own timed `update_index` (Elasticsearch's
under the index prefix `bench_<database>_<size>_`, never a site's, its indices deleted after the
run) and its own timings, side by side in the table. Without `ELASTICSEARCH_URL`, or with a
server that does not answer, `--search elasticsearch` stops before any work. The
Elasticsearch timings count only if the searches reached the server: the measuring process reads
the indices' search statistics before and after, and fails if no search reached them (the
fallback to the database, when the engine does not answer, would otherwise be timed under
Elasticsearch's name).

The report starts with the date, the commit and the machine's load; each size's set-up line
gives the load average just before its timings (other processes share the cores).
`--database-name` names the database (default `bench_search`; dropped and created again at the
start) and `--drop` drops it at the end.
"""

import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
SETTINGS = {  # search backend: settings module of the child processes
    "database": "config.settings.test",
    "elasticsearch": "benchmarks.elasticsearch_settings",
}
INDEX_PREFIX = "bench_"  # every Elasticsearch index of the benchmark, and none other
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


def search_env(search, kind, size):
    """Environment of the child processes for one search backend (`SETTINGS`)."""
    env = {"DJANGO_SETTINGS_MODULE": SETTINGS[search]}
    if search == "elasticsearch":
        env["ELASTICSEARCH_INDEX_PREFIX"] = f"{INDEX_PREFIX}{kind}_{size}_"
    return env


def child_env(url, env=None):
    """The environment of a child process on database ``url`` (test settings by default)."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        **(env or {}),
    }


def manage(url, *args, env=None):
    env = child_env(url, env)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def measure(url, repeat, env=None, pages=None):
    """Run in a child process (settings are fixed at start-up): time each page (of ``pages``,
    default all)."""
    env = child_env(url, env)
    output = subprocess.run(
        [sys.executable, __file__, "--measure", "--repeat", str(repeat)]
        + (["--pages", *pages] if pages else []),
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure_here(repeat, pages=None):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    searches_before = elasticsearch_searches_here()
    results = {}
    for name, path in PAGES.items():
        if pages and name not in pages:
            continue
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
    searches_after = elasticsearch_searches_here()
    if searches_before is not None:
        reached = searches_after - searches_before
        if not reached:
            sys.exit("search_benchmark.py: no search reached Elasticsearch during the timings")
        results["_elasticsearch_searches"] = reached
    print(json.dumps(results))


def elasticsearch_searches_here():
    """Searches (shard queries) served so far by the run's indices, None on the database backend."""
    prefix = os.environ.get("ELASTICSEARCH_INDEX_PREFIX")
    if os.environ["DJANGO_SETTINGS_MODULE"] != SETTINGS["elasticsearch"] or not prefix:
        return None
    from wagtail.search.backends import get_search_backend

    stats = get_search_backend().es.indices.stats(index=f"{prefix}*", metric="search")
    return stats["_all"]["total"]["search"]["query_total"]


def elasticsearch_child(option, env):
    """Run this script with `option` (`--es-check`, `--es-delete`) under Elasticsearch settings;
    returns (exit code, last line of stdout, last line of stderr)."""
    done = subprocess.run(
        [sys.executable, __file__, option],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    last = [(text.strip().splitlines() or [""])[-1] for text in (done.stdout, done.stderr)]
    return done.returncode, *last


def elasticsearch_backend_here():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from wagtail.search.backends import get_search_backend

    return get_search_backend()


def check_elasticsearch_here():
    """Child of `check_elasticsearch`: the settings load and the server answers."""
    try:
        info = elasticsearch_backend_here().es.info()
    except Exception as error:  # any failure, reported on one line
        message = " ".join(str(error).split())[:300]
        print(f"{type(error).__name__}: {message}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"version": info["version"]["number"]}))


def check_elasticsearch():
    """The server's version, or exit with one line saying why not, before any work."""
    if not os.environ.get("ELASTICSEARCH_URL", "").strip():
        sys.exit(
            "search_benchmark.py: --search elasticsearch needs ELASTICSEARCH_URL, the server to "
            "benchmark (e.g. ELASTICSEARCH_URL=http://localhost:9200); none is set."
        )
    env = search_env("elasticsearch", "check", 0)
    code, out, err = elasticsearch_child("--es-check", env)
    if code:
        sys.exit(f"search_benchmark.py: Elasticsearch (ELASTICSEARCH_URL) is not usable: {err}")
    return json.loads(out)["version"]


def delete_indices_here():
    """Child of `delete_indices`: delete every index under the run's prefix."""
    prefix = os.environ["ELASTICSEARCH_INDEX_PREFIX"]
    assert prefix.startswith(INDEX_PREFIX), prefix  # never a site's indices
    es = elasticsearch_backend_here().es
    # One by one, by name: servers refuse wildcard deletions (action.destructive_requires_name).
    names = sorted(es.indices.get(index=f"{prefix}*"))
    for name in names:
        es.indices.delete(index=name)
    print(json.dumps(names))


def delete_indices(env):
    """Best effort: a failure is reported, not raised (the timings are already taken)."""
    code, _, err = elasticsearch_child("--es-delete", env)
    if code:
        prefix = env["ELASTICSEARCH_INDEX_PREFIX"]
        print(f"warning: could not delete the indices {prefix}*: {err}", file=sys.stderr)


def database_name(value):
    """A plain lower-case ASCII identifier starting with « bench »: it is interpolated into
    DROP/CREATE DATABASE, and the run drops it (never ``test``, ``postgres`` or a site's)."""
    name = value.lower()
    if not re.fullmatch(r"bench[a-z0-9_]{0,58}", name):
        raise argparse.ArgumentTypeError(
            f"{value!r}: expected bench followed by ASCII letters, digits and _"
        )
    return name


def search_names(value):
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in SETTINGS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"{value!r}: expected {' and/or '.join(SETTINGS)}, separated by commas or spaces"
        )
    return names


def load_average():
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def run_header():
    """Date, commit and machine of the run, first lines of the report."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"Run of {datetime.date.today().isoformat()}, commit {commit or 'unknown'}, "
        f"{os.cpu_count()} cores, {load_average()} at the start."
    )


def setup_line(generate, index, setup, load=None):
    if list(index) == ["database"]:
        indexing = f"update_index {index['database']:.0f} s"
    else:
        indexing = "update_index " + ", ".join(f"{s:.0f} s on {n}" for n, s in index.items())
    return (
        f"Set-up: generate_aids {generate:.0f} s, {indexing} "
        f"(migrate {setup['migrate']:.0f} s, demo {setup['demo']:.0f} s)"
        + (f"; {load} before the timings" if load else "")
        + ".\n\n"
    )


def searches_line(results):
    reached = results.get("elasticsearch", {}).get("_elasticsearch_searches")
    if reached is None:
        return ""
    return f"Elasticsearch served {reached} searches (shard queries) during its timings.\n\n"


def table(results):
    """The Markdown table: one column per search backend for each figure."""
    keys = ("median_ms", "p95_ms", "queries")
    if list(results) == ["database"]:
        rows = ["| page | median (ms) | p95 (ms) | queries |\n|---|---:|---:|---:|"]
        for page, figures in results["database"].items():
            if page.startswith("_"):
                continue
            rows.append("| " + " | ".join([page, *(str(figures[k]) for k in keys)]) + " |")
        return rows
    labels = ("median {} (ms)", "p95 {} (ms)", "queries {}")
    header = [label.format(search) for label in labels for search in results]
    rows = [f"| page | {' | '.join(header)} |\n|---|{'---:|' * len(header)}"]
    for page in PAGES:
        if page not in results[next(iter(results))]:
            continue
        cells = [str(results[search][page][k]) for k in keys for search in results]
        rows.append(f"| {page} | {' | '.join(cells)} |")
    return rows


def measure_existing(args):
    """``--existing``: one table for a database built earlier (by this script without
    ``--drop``, or ``load_benchmark.py``)."""
    lines = [run_header(), f"\nDatabase {args.existing}, {load_average()} before the timings.\n"]
    results = {"database": measure(args.existing, args.repeat, pages=args.pages)}
    lines += table(results)
    report = "\n".join(lines) + "\n"
    if args.output:
        Path(args.output).write_text(report)
    print(report)


def build_parser():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--sizes", nargs="+", type=int, default=[2000, 20000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--search",
        nargs="+",
        type=search_names,
        default=[["database"]],
        metavar="BACKEND",
        help="search backends to compare: database (default) and/or elasticsearch, separated "
        "by commas or spaces; elasticsearch needs ELASTICSEARCH_URL",
    )
    parser.add_argument(
        "--database-name",
        type=database_name,
        default="bench_search",
        help="the benchmark's database (dropped and created again; default bench_search)",
    )
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--output", help="also write the Markdown report to this file")
    parser.add_argument(
        "--existing",
        metavar="DATABASE_URL",
        help="time the pages on this database as it is (the demo guide and generated fiches "
        "already loaded and indexed): no set-up, nothing dropped; the database backend",
    )
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), help="default: all")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--es-check", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--es-delete", action="store_true", help=argparse.SUPPRESS)
    return parser


def main():
    args = build_parser().parse_args()
    if args.measure:
        return measure_here(args.repeat, args.pages)
    if args.existing:
        return measure_existing(args)
    if args.es_check:
        return check_elasticsearch_here()
    if args.es_delete:
        return delete_indices_here()
    searches = list(dict.fromkeys(name for names in args.search for name in names))

    lines = [run_header()]
    print(lines[-1], flush=True)
    if "elasticsearch" in searches:
        version = check_elasticsearch()
        lines.append(f"Search backends: {', '.join(searches)} (Elasticsearch {version}).")
        print(lines[-1], flush=True)
    for kind in args.databases:
        name = args.database_name
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
            envs = {search: search_env(search, kind, size) for search in searches}
            try:
                index = {}
                for search, env in envs.items():
                    if search == "elasticsearch":  # leftovers of an interrupted run
                        delete_indices(env)
                    index[search] = manage(url, "update_index", env=env)
                if kind == "postgres":  # fresh statistics, as autovacuum would give a live database
                    subprocess.run(["psql", url, "-q", "-c", "VACUUM ANALYZE"], check=True)
                load = load_average()
                results = {search: measure(url, args.repeat, env) for search, env in envs.items()}
            finally:
                if "elasticsearch" in envs:
                    delete_indices(envs["elasticsearch"])
            rows = table(results)
            lines.append(
                f"\n### {kind}, {size} synthetic fiches (+ 32 demo fiches)\n\n"
                + setup_line(generate, index, setup, load)
                + searches_line(results)
                + rows[0]
            )
            lines.extend(rows[1:])
            print("\n".join(lines[-len(rows) :]), flush=True)
        if args.drop and kind == "postgres":
            subprocess.run(["psql", PG_ADMIN, "-q", "-c", f"DROP DATABASE {name}"], check=True)
        elif args.drop:
            Path(f"/tmp/{name}.sqlite3").unlink(missing_ok=True)
    report = "\n".join(lines) + "\n"
    if args.output:
        Path(args.output).write_text(report)
    print(report)


if __name__ == "__main__":
    main()
