#!/usr/bin/env python
"""Bulk import / export of fiches with a 5 000-row XLSX file, on SQLite.

    .venv/bin/python benchmarks/import_benchmark.py                  # 5 000 rows
    .venv/bin/python benchmarks/import_benchmark.py --rows 1000 --output /tmp/import.md

A fresh SQLite database (/tmp/import_benchmark.sqlite3), migrations and the demo guide; then, in
a child process (settings are fixed at start-up), a file of ``--rows`` new fiches in the guide's
column format (two financial components and one contact each, every column filled), and timed:

1. the dry run of that file;
2. the real import (every row a new draft page with its first revision);
3. the export of every fiche to XLSX (most of them read from their revision);
4. the re-import of that export (every row unchanged: nothing written);
5. the check that the round trip is lossless: the exported cells of the imported fiches equal
   the file's, and the re-import wrote no revision.

Prints a Markdown table; ``--output`` also writes it to a file.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = Path("/tmp/import_benchmark.sqlite3")


def manage(*args):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def synthetic_rows(count, headers):
    """``count`` rows of new fiches, as strings and numbers a spreadsheet would hold."""
    import datetime
    import random
    import uuid

    from wagtail.models import Site

    from guide.models import AidContact, AidType, Audience, Organisation, Sector, Territory

    rng = random.Random(2026)
    # The first guide's own records: the demo also holds the second territory's.
    site = Site.objects.get(is_default_site=True)
    organisations = list(Organisation.objects.filter(site=site).values_list("name", flat=True))
    line = (
        AidContact.objects.filter(contact__site=site)
        .select_related("contact__organisation")
        .first()
    )
    types = list(AidType.objects.values_list("slug", flat=True))
    audiences = list(Audience.objects.values_list("slug", flat=True))
    sectors = list(Sector.objects.values_list("slug", flat=True))
    territories = [t.cog_code for t in Territory.objects.exclude(kind="PAYS")]
    start = datetime.date(2026, 1, 1)
    rows = []
    for number in range(count):
        chosen = rng.sample(types, 2)
        opening = start + datetime.timedelta(days=rng.randint(0, 200))
        row = {
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "titre": f"Aide synthétique n° {number + 1}",
            "slug": f"aide-synthetique-{number + 1}",
            "promesse": "Financez vos recrutements en CDI sans caution personnelle",
            "description": f"<p>Fiche synthétique {number + 1} pour mesurer l'import.</p>",
            "comment_en_beneficier": "<p>Contactez l'opérateur.</p>",
            "operateur": rng.choice(organisations),
            "financeurs": " | ".join(rng.sample(organisations, 2)),
            "programme": None,
            "url_dispositif": f"https://www.example.org/aides/{number + 1}",
            "url_demande": None,
            "publics": " | ".join(rng.sample(audiences, 2)),
            "categories_entreprise": "MIC | PME",
            "effectif_min": 0,
            "effectif_max": rng.choice([9, 49, 249]),
            "annees_existence_min": rng.choice([None, 1, 3]),
            "secteurs": rng.choice(sectors),
            "etapes_projet": "recrutement",
            "territoires": " | ".join(rng.sample(territories, 2)),
            "eligibilite": "Entreprise du territoire\nAu moins un emploi créé en CDI",
            "types_aide": " | ".join(chosen),
            "date_ouverture": opening,
            "date_cloture": opening + datetime.timedelta(days=rng.randint(30, 500)),
            "recurrence": "ponctuelle",
            "etat": None,
            "verifiee_le": start,
            "mise_en_avant": "non",
        }
        for index, aid_type in enumerate(chosen, start=1):
            amount = rng.choice([2000, 5000, 15000])
            row.update(
                {
                    f"volet_{index}_nature": aid_type,
                    f"volet_{index}_intitule": f"Volet {index}",
                    f"volet_{index}_montant": amount,
                    f"volet_{index}_unite": "emploi_cree",
                    f"volet_{index}_taux": 0,
                    f"volet_{index}_duree_mois": 60,
                    f"volet_{index}_plafond": amount * 10,
                    f"volet_{index}_part_max": 33.33,
                    f"volet_{index}_part_de": "du programme d'emplois",
                    f"volet_{index}_jours": None,
                    f"volet_{index}_territoire": None,
                    f"volet_{index}_conditions": "Indissociable du prêt\nSans caution",
                }
            )
        row.update(
            {
                "contact_1_nom": line.contact.name,
                "contact_1_organisation": line.contact.organisation.name,
                "contact_1_email": line.contact.email,
                "contact_1_telephone": line.contact.phone_display or None,
                "contact_1_note": "À contacter de la part du Grand-Orly Seine Bièvre",
            }
        )
        rows.append([row.get(header) for header in headers])
    return rows


def xlsx_of(headers, rows):
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Fiches")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def normalised(value):
    """A cell as the import reads it: number cells equal their text, multi-valued cells are
    sets (the export writes them in the vocabulary's order)."""
    import datetime
    from decimal import Decimal

    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return str(Decimal(str(value)).normalize())
    text = str(value).strip()
    return " | ".join(sorted(text.split(" | "))) if " | " in text else text


def measure_here(count):
    import django

    django.setup()
    import io

    from openpyxl import load_workbook
    from wagtail.models import Revision

    from guide.models import AidPage
    from transfer.columns import all_columns, key_for_header
    from transfer.export import Export, filtered_fiches
    from transfer.importer import default_index, import_file
    from transfer.prose import html_to_text

    headers = [column.header for column in all_columns(volets=2, contacts=1, info=False)]
    started = time.perf_counter()
    rows = synthetic_rows(count, headers)
    data = xlsx_of(headers, rows)
    results = {"file": {"seconds": time.perf_counter() - started, "bytes": len(data)}}

    def timed(label, function):
        started = time.perf_counter()
        value = function()
        results[label] = {"seconds": time.perf_counter() - started}
        return value

    dry = timed("dry run", lambda: import_file(data, "fiches.xlsx"))
    assert not dry.has_errors and dry.count("creee") == count, dry.as_text()[-2000:]
    real = timed("import", lambda: import_file(data, "fiches.xlsx", dry_run=False))
    assert real.applied and real.count("creee") == count
    guide = default_index()  # the first territory's guide: the demo holds a second one
    total = AidPage.objects.filter(locale__language_code="fr").descendant_of(guide).count()
    results["import"]["rows"] = count

    export = timed("export", lambda: Export(filtered_fiches(index=guide)).xlsx_bytes())
    results["export"]["rows"] = total
    revisions = Revision.objects.count()
    again = timed("re-import", lambda: import_file(export, "export.xlsx", dry_run=False))
    assert again.count("inchangee") == total and not again.has_errors, again.summary()
    assert Revision.objects.count() == revisions, "the re-import wrote revisions"
    results["re-import"]["rows"] = total

    # Lossless: each imported fiche's exported cells equal the file's.
    sheet = load_workbook(io.BytesIO(export), read_only=True)["Fiches"]
    exported = list(sheet.iter_rows(values_only=True))
    # The export's headers are French titles (« Titre »), its rich text readable text.
    position = {key_for_header(header): index for index, header in enumerate(exported[0])}
    rich_text = {"description", "comment_en_beneficier"}
    by_uuid = {row[position["uuid"]]: row for row in exported[1:]}
    differences = 0
    differing = set()
    for row in rows:
        out = by_uuid[row[0]]
        for index, header in enumerate(headers):
            given = html_to_text(row[index]) if header in rich_text else row[index]
            if normalised(given) != normalised(out[position[header]]):
                differences += 1
                differing.add(header)
    results["lossless"] = {
        "differences": differences,
        "cells": count * len(headers),
        "columns": sorted(differing),
    }
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--output")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        sys.path.insert(0, str(ROOT))
        measure_here(args.rows)
        return

    DATABASE.unlink(missing_ok=True)
    started = time.perf_counter()
    manage("migrate", "--no-input")
    manage("load_demo_guide")
    setup = time.perf_counter() - started
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    output = subprocess.run(
        [sys.executable, __file__, "--measure", "--rows", str(args.rows)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    results = json.loads(output.strip().splitlines()[-1])

    lines = [
        f"Import / export benchmark: {args.rows} rows, SQLite, {platform.python_version()}, "
        f"{os.cpu_count()} CPU(s), {time.strftime('%Y-%m-%d')} (set-up {setup:.0f} s)",
        "",
        "| step | rows | seconds | per row (ms) |",
        "|---|---:|---:|---:|",
    ]
    for label, key, rows in (
        ("write the XLSX file", "file", args.rows),
        ("dry run (new fiches)", "dry run", args.rows),
        ("import (new drafts + revisions)", "import", args.rows),
        ("export to XLSX (every fiche)", "export", results["export"]["rows"]),
        ("re-import of the export (unchanged)", "re-import", results["re-import"]["rows"]),
    ):
        seconds = results[key]["seconds"]
        lines.append(f"| {label} | {rows} | {seconds:.1f} | {1000 * seconds / rows:.1f} |")
    lossless = results["lossless"]
    lines += [
        "",
        f"File size: {results['file']['bytes'] / 1e6:.1f} MB. Round trip: "
        f"{lossless['differences']} differing cells out of {lossless['cells']}; the re-import "
        "wrote no revision.",
    ]
    table = "\n".join(lines)
    print(table)
    if args.output:
        Path(args.output).write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
