#!/usr/bin/env python
"""Where a rendered page spends its time: cProfile over each page type, in process, on an
existing database (issue 25, « profile, then cut »).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python \\
        benchmarks/profile_page.py --repeat 20 --output var/profile.md

The database is whatever ``DATABASE_URL`` names (SQLite's ``db.sqlite3`` of ``make run`` by
default), with the demo guide loaded (the pages below are the demo's) and as many synthetic
fiches as wanted (``manage.py generate_aids --count N``; ``benchmarks/search_benchmark.py`` keeps
its database without ``--drop``). The page cache is off (``config.settings.test``): every
request renders. For each page: 3 warm-up requests, then ``--repeat`` requests under cProfile;
the report gives the median time and the queries per request, then the functions that cost the
most, cumulated (what a call leads to) and by own time, project code first. cProfile slows
Python down (about 1.5 to 2 times): read the shares, not the milliseconds.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.search_benchmark import PAGES as SEARCH_PAGES  # noqa: E402

PAGES = {
    **SEARCH_PAGES,
    "questionnaire, answered": "/aides/mon-projet/?commune=Vitry-sur-Seine&effectif=12",
    "API list": "/api/v1/aides/",
    "embed list": "/embed/aides/",
    "feed « nouveautés »": "/aides/flux/nouveautes/",
}
# The project's own code, shown first in the report.
PROJECT = ("/core/", "/guide/", "/search/", "/home/", "/api/", "/embeds/", "/feeds/", "/seo/")


def profile_page(client, path, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm up caches and the database
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    timings, profiler = [], cProfile.Profile()
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            profiler.enable()
            client.get(path)
            profiler.disable()
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), len(queries.captured_queries), pstats.Stats(profiler)


def top(stats, sort, count, only_project):
    """The ``count`` costliest functions by ``sort`` as Markdown rows (ms per request)."""
    rows = []
    for (filename, line, name), (_cc, calls, own, cumulated, _callers) in stats.stats.items():
        if only_project and (
            "site-packages" in filename
            or not any(part in filename for part in PROJECT)
            or name == "__call__"  # a middleware: it wraps the whole request
        ):
            continue
        rows.append((cumulated if sort == "cumulative" else own, calls, filename, line, name))
    rows.sort(reverse=True)
    return rows[:count]


def report(results, repeat, count):
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    database = os.environ.get("DATABASE_URL", "SQLite db.sqlite3")
    lines = [
        f"# Page profiles ({when}, {repeat} requests per page, database {database})",
        "",
        "| page | median (ms, under cProfile) | queries |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {median:.1f} | {queries} |" for name, (median, queries, _s) in results]
    for name, (_median, _queries, stats) in results:
        for title, sort, only_project in (
            ("project code, cumulated", "cumulative", True),
            ("everything, own time", "tottime", False),
        ):
            lines += ["", f"## {name}: {title} (ms per request)", ""]
            lines += ["| ms | calls | function |", "|---:|---:|---|"]
            for cost, calls, filename, line, function in top(stats, sort, count, only_project):
                where = filename.replace(str(ROOT) + "/", "").split("site-packages/")[-1]
                lines.append(
                    f"| {cost * 1000 / repeat:.2f} | {calls // repeat} | "
                    f"`{where}:{line}` {function} |"
                )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=15, help="functions listed per table")
    parser.add_argument("--pages", nargs="*", choices=sorted(PAGES), help="default: all")
    parser.add_argument("--output", help="also write the report to this file")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.test import Client

    client = Client()
    results = [
        (name, profile_page(client, PAGES[name], args.repeat)) for name in args.pages or PAGES
    ]
    text = report(results, args.repeat, args.top)
    print(text)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text)


if __name__ == "__main__":
    main()
