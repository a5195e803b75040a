#!/usr/bin/env python
"""Time and peak memory of reading hostile spreadsheets, next to legitimate ones.

    .venv/bin/python benchmarks/import_hostile_files.py
    .venv/bin/python benchmarks/import_hostile_files.py --only "zip bomb" --output /tmp/hostile.md

Each file is built first (``tests/support/hostile_xlsx.py``; the legitimate ones as the guide's
export writes them, 5 000 fiches of 62 filled columns) and written to a temporary directory.
Then each is read in a child process of its own, so that the peaks are independent, by
``transfer.files.read_table``: the step that checks and reads an upload, before any database
work (the admin's dry run and its confirmation, and ``import_fiches``, start with it). The
child loads Django and reads a small valid file first; then it measures the read: wall time,
and how much the peak resident memory grew over the resident memory before the read (Linux's
``VmHWM``, reset through ``/proc/self/clear_refs``: it counts what expat and zlib allocate too;
elsewhere tracemalloc's peak of Python's allocations). It runs with a 4 GB address-space limit
and a timeout, so that a regression fails instead of taking the machine down. No database is
needed.

Prints a Markdown table; ``--output`` also writes it to a file.
"""

import argparse
import csv
import io
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 4 * 1024**3
TIMEOUT = 300
LEGITIMATE_ROWS = 5000

# (label, file name, builder: an expression on ``hostile`` and ``legitimate``)
CASES = [
    ("legitimate: 5 000 fiches, as exported", "export.xlsx", "legitimate('xlsx')"),
    ("legitimate: 5 000 fiches, CSV", "export.csv", "legitimate('csv')"),
    ("dimension A1:XFD1048576, an empty line 3 000", "dimension.xlsx", "declared_dimension()"),
    ("a line at 1 048 576", "far.xlsx", "last_line_far_away()"),
    ("200 000 empty lines", "empty.xlsx", "many_empty_lines(200_000)"),
    ("a line of 2 000 000 cells", "wide.xlsx", "wide_line(2_000_000)"),
    ("150 lines of 16 000 empty cells", "cells.xlsx", "empty_cells(150, 16_000)"),
    ("2 000 000 shared strings", "strings.xlsx", "many_shared_strings(2_000_000)"),
    ("a shared string of 50 M characters", "string.xlsx", "huge_shared_string(50)"),
    ("entity expansion (billion laughs)", "laughs.xlsx", "entity_expansion()"),
    ("a tag of 5 MB", "tag.xlsx", "long_tag(5)"),
    ("elements nested 100 000 deep", "deep.xlsx", "deep_nesting(100_000)"),
    ("zip bomb: a member of 1 GB of zeros", "bomb.xlsx", "zip_bomb(1024)"),
    ("nested zips, 3 levels, 100 MB inside", "nested.xlsx", "nested_zip(3, 100)"),
    ("5 000 zip members", "members.xlsx", "many_members(5000)"),
    ("CSV: 5 000 000 empty lines", "empty.csv", "csv_many_empty_lines(5_000_000)"),
    ("CSV: 100 000 columns", "wide.csv", "csv_wide_header(100_000)"),
]


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


def legitimate_rows():
    """The headers and ``LEGITIMATE_ROWS`` rows of new fiches, every column filled (the values
    need not name the guide's vocabularies: only the reading is measured)."""
    import datetime

    from transfer.columns import all_columns

    headers = [column.header for column in all_columns(volets=2, contacts=1, info=False)]
    rows = []
    for number in range(LEGITIMATE_ROWS):
        row = {header: f"{header} {number}" for header in headers}
        row.update(
            uuid=f"00000000-0000-4000-8000-{number:012d}",
            titre=f"Aide synthétique n° {number + 1}",
            description=(
                f"<p>Fiche synthétique {number + 1} pour mesurer l'import : un prêt à taux zéro "
                "pour chaque emploi créé, <b>sans caution personnelle</b>.</p>"
            )
            * 3,
            effectif_min=0,
            effectif_max=49,
            date_ouverture=datetime.date(2026, 1, 1),
            date_cloture=datetime.date(2026, 12, 31),
        )
        rows.append([row[header] for header in headers])
    return headers, rows


def build(directory, only):
    setup_django()
    from tests.support import hostile_xlsx

    headers, rows = legitimate_rows()

    def legitimate(extension):
        if extension == "xlsx":
            return hostile_xlsx.legitimate_xlsx(headers, rows)
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")

    namespace = {"legitimate": legitimate, **vars(hostile_xlsx)}
    files = []
    for label, name, expression in CASES:
        if only and not any(word in label for word in only):
            continue
        path = Path(directory) / name
        path.write_bytes(eval(expression, namespace))  # noqa: S307 (the expressions above)
        files.append((label, path))
    return files


def status_kilobytes(field):
    """A field of /proc/self/status (``VmRSS``, ``VmHWM``), in kilobytes."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE).group(1))


class PeakMemory:
    """The growth of the peak resident memory during a block, in megabytes: ``VmHWM`` reset
    before it (Linux), else tracemalloc's peak."""

    def __enter__(self):
        try:
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
            self.before = status_kilobytes("VmRSS")
            self.resident = True
        except OSError:
            self.resident = False
            tracemalloc.start()
        return self

    def __exit__(self, *exc_info):
        if self.resident:
            self.megabytes = (status_kilobytes("VmHWM") - self.before) / 1024
        else:
            self.megabytes = tracemalloc.get_traced_memory()[1] / 1024**2
            tracemalloc.stop()


def measure(path):
    """In the child: read the file once and print what it cost, as JSON."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    setup_django()
    from tests.support.hostile_xlsx import legitimate_xlsx
    from transfer.files import FileRejected, read_table

    read_table(legitimate_xlsx(["uuid", "titre"], [["", "Échauffement"]]), "warm-up.xlsx")
    data = Path(path).read_bytes()
    with PeakMemory() as peak:
        started = time.perf_counter()
        try:
            table = read_table(data, Path(path).name)
            outcome = f"read: {len(table.rows)} fiche(s)"
        except FileRejected as error:
            outcome = f"refused: « {error} »"
        except MemoryError:
            outcome = "MemoryError"
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "megabytes": peak.megabytes, "outcome": outcome}))


def run_child(path):
    try:
        completed = subprocess.run(
            [sys.executable, __file__, "--measure", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": TIMEOUT, "megabytes": None, "outcome": f"timeout ({TIMEOUT} s)"}
    if completed.returncode != 0:
        last = (completed.stderr.strip().splitlines() or ["?"])[-1]
        return {"seconds": None, "megabytes": None, "outcome": f"crashed: {last[:120]}"}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def size_text(size):
    return f"{size / 1024**2:.1f} MB" if size >= 1024**2 else f"{size / 1024:.1f} KB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", help="cases whose label holds this word")
    parser.add_argument("--output")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return

    lines = [
        f"Hostile files: read by transfer.files.read_table, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPU(s), {time.strftime('%Y-%m-%d')}",
        "",
        "| file | size | outcome | seconds | peak memory growth |",
        "|---|---:|---|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as directory:
        for label, path in build(directory, args.only):
            result = run_child(path)
            seconds = "—" if result["seconds"] is None else f"{result['seconds']:.2f}"
            memory = "—" if result["megabytes"] is None else f"{result['megabytes']:.0f} MB"
            outcome = result["outcome"]
            if len(outcome) > 110:
                outcome = outcome[:108] + "… »"
            size = size_text(path.stat().st_size)
            lines.append(f"| {label} | {size} | {outcome} | {seconds} | {memory} |")
            print(lines[-1], flush=True)
    table = "\n".join(lines)
    print()
    print(table)
    if args.output:
        Path(args.output).write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
