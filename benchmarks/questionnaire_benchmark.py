#!/usr/bin/env python
"""Time the questionnaire's classification (guide/matching) on an existing database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/guide_load_2000 \\
        .venv/bin/python benchmarks/questionnaire_benchmark.py --repeat 5

Point ``DATABASE_URL`` at a database holding a guide, e.g. one that ``load_benchmark.py`` built
(``guide_load_2000``: the demo guide plus ``generate_aids``). For each set of answers below it
classifies the French guide's open fiches ``--repeat`` times in process (after one warm-up run)
and prints the median time, the number of queries and the size of each group. This measures the
matching and the database, not the template or a web server.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ANSWERS = {
    "the issue's scenario (Vitry, 12 staff, industry, hiring 3)": (
        "commune=Vitry-sur-Seine&anciennete=8&effectif=12&secteur=industrie&projet=recruter"
        "&emplois=3"
    ),
    "industrial SME moving into Athis-Mons, hiring 4 (eligibility cases)": (
        "commune=Athis-Mons&implantation=en-cours&effectif=30&secteur=industrie"
        "&projet=recruter&emplois=4"
    ),
    "commune only": "commune=Orly",
    "staff only (broad)": "effectif=3",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from guide.matching.questionnaire import QuestionnaireForm
    from guide.matching.results import classify
    from guide.models import AidIndexPage, AidPage

    index = AidIndexPage.objects.filter(locale__language_code="fr").first()
    open_count = AidPage.objects.in_guide(index).open().count()
    print(f"{connection.vendor}, {open_count} open fiches\n")
    print("| answers | median ms | queries | fits | may fit | does not fit |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, query in ANSWERS.items():
        answers = QuestionnaireForm(QueryDict(query)).answers()
        classify(index, answers)
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                outcome = classify(index, answers)
                timings.append((time.perf_counter() - started) * 1000)
        print(
            f"| {label} | {statistics.median(timings):.0f} | {len(queries)} | "
            f"{len(outcome.fits)} | {len(outcome.may_fit)} | {outcome.not_fit_count} |"
        )


if __name__ == "__main__":
    main()
