#!/usr/bin/env python
"""Load test: the production stack (gunicorn, PostgreSQL, Redis) under `wrk`, with 2 000 and
20 000 fiches, pages cached and uncached, next to a static file as the machine's ceiling.

    .venv/bin/python benchmarks/load_benchmark.py                   # 2 000 and 20 000 fiches
    .venv/bin/python benchmarks/load_benchmark.py --sizes 2000 --duration 10

For each size: a fresh PostgreSQL database (`guide_load_<size>`), migrations, the demo guide,
`generate_aids` up to the size, `update_index`, `VACUUM ANALYZE`, `collectstatic` (compressed,
hashed names). Then for each mode, gunicorn with `deploy/gunicorn.conf.py` and the production
settings (2 workers on 127.0.0.1, plain HTTP: `SECURE_SSL_REDIRECT=0`):

- **rendered**: `PAGE_CACHE_SECONDS=0`, `FRAGMENT_CACHE_SECONDS=0`: every request runs the view
  and renders the whole page, as the first visit after a publication does;
- **fragments**: the page cache off, a fiche's rendered fragments kept in Redis (what a visitor
  with a session or an unseen query string gets);
- **cached**: the whole-page cache and the fragments in Redis (`REDIS_URL`, database 15,
  flushed before each mode): the production default.

and for each page, `wrk -t2 -c32 -d<duration>s --latency` after a warm-up: requests per second,
median and 99th-percentile latency, errors (non-2xx/3xx answers and socket errors). « fiches,
rotating » cycles through up to 2 000 different fiches (a wrk Lua script), so that the caches
serve only what a crawler visiting every fiche would find. In the rendered mode each page is
also measured with 2 connections, one per worker (`--service-connections`): no request waits
for another, so the latency is the page's own cost under load. The load
generator runs on the same machine as the server (2 cores here), as a partner's crawler or a
burst of visitors would not, so the figures are a floor. The API's per-address rate limit is
lifted (`GUIDE_API_RATE_LIMIT`): every request comes from 127.0.0.1.

Also measured once per size: the bytes a first visit to a fiche transfers (HTML compressed
as nginx does, gzip level 6; the CSS and JS WhiteNoise serves compressed), and whether any
script or style comes from another origin or blocks rendering.

Prints a Markdown table (`--output` also writes it). Needs PostgreSQL (postgres@127.0.0.1),
Redis (127.0.0.1:6379) and `wrk` (`apt-get install wrk`).
"""

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_benchmark import database_url, manage, reset_database  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIND = "127.0.0.1:8765"
BASE = f"http://{BIND}"
STATIC_ROOT = Path("/tmp/guide_load_static")
REDIS_URL = "redis://127.0.0.1:6379/15"
PAGES = {
    "static file (ceiling)": None,  # the hashed site.css, found in the manifest
    "home": "/",
    "listing": "/aides/",
    "search « emploi »": "/aides/?q=emploi",
    "search + filters": "/aides/?q=innovation&type=subvention&commune=orly&statut=tous",
    "fiche": "/aides/alixio-pme-pmi-val-de-marne-essonne/",
    "fiches, rotating": "ROTATE",  # many fiches in turn (rotation_script)
    "API list": "/api/v1/aides/?page_size=20",
}
MODES = {
    "rendered": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"},
    "fragments": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "3600"},
    "cached": {"PAGE_CACHE_SECONDS": "600", "FRAGMENT_CACHE_SECONDS": "3600"},
}
ROTATION_SCRIPT = Path("/tmp/guide_load_rotation.lua")
WARM_UP = 10  # requests before each run
ROTATION_SIZE = 2000
TARGETS = (
    "Targets: zero errors; cached fiche ≥ half the static file's throughput; uncached fiche "
    "p99 < 100 ms and search p99 < 150 ms at 20 000 fiches; a fiche's first visit < 60 KB."
)


def server_env(url, mode):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "load-benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": url,
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": REDIS_URL,
        **MODES[mode],
        "STATIC_ROOT": str(STATIC_ROOT),
        "GUIDE_API_RATE_LIMIT": "100000000",
        "GUNICORN_BIND": BIND,
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "ERROR",
    }


def prepare(size, reuse=False):
    """The database of ``size`` fiches (kept from an earlier run with ``reuse``: building
    20 000 fiches takes about half an hour here), migrated, and the static files."""
    name = f"guide_load_{size}"
    url = database_url("postgres", name)
    started = time.perf_counter()
    if reuse and database_exists(name):
        manage(url, "migrate", "--noinput")
    else:
        reset_database("postgres", name)
        manage(url, "migrate", "--noinput")
        manage(url, "load_demo_guide")
        manage(url, "generate_aids", "--count", str(size))
        manage(url, "update_index")
    subprocess.run(["psql", url, "-q", "-c", "VACUUM ANALYZE"], check=True)
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)
    env = server_env(url, "rendered")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return url, time.perf_counter() - started


def database_exists(name):
    answer = subprocess.run(
        [
            "psql",
            database_url("postgres", "postgres"),
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return answer.stdout.strip() == "1"


def fiche_paths(url):
    """Paths of up to ROTATION_SIZE live fiches, from the database."""
    answer = subprocess.run(
        [
            "psql",
            url,
            "-tAc",
            "SELECT p.url_path FROM wagtailcore_page p JOIN guide_aidpage a ON a.page_ptr_id = p.id"
            f" WHERE p.live ORDER BY p.id LIMIT {ROTATION_SIZE}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    # url_path is /<home slug>/<index slug>/<fiche slug>/: the site's root is the home page.
    return ["/" + path.strip().split("/", 2)[2] for path in answer.stdout.split() if path.strip()]


def rotation_script(paths):
    """A wrk script requesting ``paths`` in turn, each thread from its own offset."""
    quoted = ",".join(json.dumps(path) for path in paths)
    ROTATION_SCRIPT.write_text(
        f"local paths = {{{quoted}}}\n"
        "local counter = 0\n"
        "function setup(thread) thread:set('offset', math.random(#paths)) end\n"
        "function init(args) counter = tonumber(offset) or 0 end\n"
        "function request()\n"
        "  counter = counter + 1\n"
        "  return wrk.format('GET', paths[counter % #paths + 1])\n"
        "end\n"
    )
    return ROTATION_SCRIPT


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def start_server(url, mode):
    flush_redis()
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=server_env(url, mode),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(BASE + "/sante/", timeout=2) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"gunicorn did not answer /sante/: {process.stderr.read().decode()[-2000:]}")


def stop_server(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)


def static_path():
    manifest = json.loads((STATIC_ROOT / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def parse_duration(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wait_until_idle():
    """Wait for the requests a previous run left queued (its timed-out connections) to be
    served, so that they weigh on no other page's figures."""
    for _ in range(60):
        started = time.perf_counter()
        try:
            urllib.request.urlopen(BASE + "/sante/", timeout=120).read()
        except OSError:
            time.sleep(1)
            continue
        if time.perf_counter() - started < 0.2:
            return
        time.sleep(1)


def run_wrk(path, duration, connections=32, script=None, warm_up=("/",)):
    wait_until_idle()
    for _ in range(WARM_UP):  # warm-up: connections, caches, the database's buffers
        for warm_path in warm_up:
            urllib.request.urlopen(BASE + warm_path, timeout=120).read()
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["--timeout", "10s", BASE + path]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    if set(latency) != {"50", "99"}:
        raise SystemExit(f"wrk output not understood for {path}:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "median_ms": parse_duration(latency["50"]),
        "p99_ms": parse_duration(latency["99"]),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in sockets.groups()) if sockets else 0),
    }


def fetch(path, compressed=True):
    request = urllib.request.Request(
        BASE + path, headers={"Accept-Encoding": "gzip"} if compressed else {}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.read(), answer.headers


def first_visit(path):
    """Bytes of a first visit (HTML gzipped as nginx would, assets as served) and the scripts
    and styles the page loads, with whether one is third-party or render-blocking."""
    html, _headers = fetch(path, compressed=False)
    text = html.decode()
    total = len(gzip.compress(html, compresslevel=6))
    assets, problems = [], []
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", text):
        source = re.search(r'(?:src|href)="([^"]+)"', tag)
        is_style = 'rel="stylesheet"' in tag
        if not source or not (tag.startswith("<script") or is_style):
            continue
        url = source.group(1)
        if url.startswith(("http://", "https://", "//")):
            problems.append(f"third-party: {url}")
            continue
        if tag.startswith("<script") and " defer" not in tag and 'type="module"' not in tag:
            problems.append(f"render-blocking script: {url}")
        body, _headers = fetch(url)
        total += len(body)
        assets.append(url)
    return {"bytes": total, "assets": assets, "problems": problems}


def table(results, duration, service_connections):
    lines = [
        f"wrk -t2 -c32 -d{duration}s against gunicorn (2 gthread workers × 4 threads), "
        "PostgreSQL, Redis; load generator on the same 2-core machine. « service » rows: the "
        f"rendered mode with {service_connections} connections.",
        "",
        "| fiches | page | mode | req/s | median ms | p99 ms | errors |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for size, by_mode in results.items():
        for mode in (*MODES, "service"):
            for page, figures in by_mode.get(mode, {}).items():
                lines.append(
                    f"| {size} | {page} | {mode} | {figures['rps']:.0f} | "
                    f"{figures['median_ms']:.1f} | {figures['p99_ms']:.1f} | {figures['errors']} |"
                )
    lines.append("")
    for size, by_mode in results.items():
        if "cached" not in by_mode:
            continue
        visit = by_mode["first_visit"]
        ceiling = by_mode["cached"]["static file (ceiling)"]["rps"]
        fiche = by_mode["cached"]["fiche"]["rps"]
        lines.append(
            f"- {size} fiches: cached fiche at {fiche / ceiling:.0%} of the static file's "
            f"throughput; a fiche's first visit transfers {visit['bytes'] / 1024:.1f} KB "
            f"({', '.join(visit['assets'])}); "
            + (
                "no third-party or render-blocking asset."
                if not visit["problems"]
                else "problems: " + "; ".join(visit["problems"])
            )
            + f" Set-up {by_mode['setup_s']:.0f} s."
        )
    lines += ["", TARGETS, ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[2000, 20000])
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    parser.add_argument(
        "--service-connections",
        type=int,
        default=2,
        help="connections of the rendered mode's second run (0: none)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep an existing guide_load_<size> database"
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("load_benchmark.py needs wrk: apt-get install wrk")
    results = {}
    for size in sorted(args.sizes):
        url, setup = prepare(size, reuse=args.reuse)
        by_mode = {"setup_s": setup}
        script = rotation_script(fiche_paths(url))
        pages = {**PAGES, "static file (ceiling)": static_path()}
        runs = [(mode, 32) for mode in args.modes]
        if args.service_connections and "rendered" in args.modes:
            runs.append(("service", args.service_connections))
        for mode, connections in runs:
            server = start_server(url, "rendered" if mode == "service" else mode)
            try:
                by_mode[mode] = {}
                for name, path in pages.items():
                    rotating = path == "ROTATE"
                    figures = run_wrk(
                        "/" if rotating else path,
                        args.duration,
                        connections,
                        script=script if rotating else None,
                        warm_up=["/"] if rotating else [path],
                    )
                    by_mode[mode][name] = figures
                    print(size, mode, name, figures, file=sys.stderr, flush=True)
                if mode == "cached":
                    by_mode["first_visit"] = first_visit(PAGES["fiche"])
            finally:
                stop_server(server)
        results[size] = by_mode
    report = table(results, args.duration, args.service_connections)
    print(report)
    if args.output:
        args.output.write_text(report)


if __name__ == "__main__":
    main()
