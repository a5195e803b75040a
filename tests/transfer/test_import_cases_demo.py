"""The demo guide's eligibility cases and restrictions survive an export and an import, including
from an old export without their columns (the demo guide's part of
tests/transfer/test_import_cases.py)."""

import pytest
from wagtail.models import Revision

from demo.loader import demo_uuid
from guide.models import AidPage
from tests.support.transfer_files import (
    export_bytes,
    messages,
    read_csv,
    read_xlsx,
    run,
    xlsx_of,
)
from tests.transfer.test_import_cases import (
    NOT_COPIED,
    comparable,
    draft_cases,
    row_of,
    spec_cases,
)
from transfer.report import Outcome

ALIXIO = "alixio-pme-pmi-val-de-marne-essonne"

pytestmark = pytest.mark.django_db


def test_the_demo_guide_round_trips_without_losing_a_value_cases_included(demo_guide):
    """Import → export → import: every fiche of an export, imported as new fiches, exports
    as the same cells; Alixio's copy has its two cases with all their values; importing the
    second export changes nothing."""
    alixio = AidPage.objects.get(aid_uuid=demo_uuid(ALIXIO), locale__language_code="fr")
    alixio_cases = spec_cases(ALIXIO)
    # Val-de-Marne; Essonne, PMI established or moving in (seed 000).
    assert [case["territories"] for case in alixio_cases] == [["DEP-94"], ["DEP-91"]]
    assert alixio_cases[1]["audiences"] == ["pmi"]
    assert alixio_cases[1]["establishment"] == "implantee-ou-en-cours"
    assert draft_cases(alixio) == alixio_cases
    headers, rows = read_xlsx(export_bytes("xlsx"))
    # Every fiche again as a new one: no uuid, no address (the import gives a free one).
    originals = {row["uuid"]: dict(row) for row in rows}
    for row in rows:
        row["uuid"] = None
        row["slug"] = None
        row["version_exportee"] = None
    report = run(xlsx_of(headers, rows), dry_run=False)
    assert not report.has_errors, messages(report)
    assert report.count(Outcome.CREATED) == len(originals) == 32

    copy = AidPage.objects.filter(title=alixio.title).exclude(pk=alixio.pk).get()
    assert draft_cases(copy) == alixio_cases
    components = copy.get_latest_revision_as_object().financial_components.all()
    assert (1, 3) in [(c.unit_share_count, c.unit_share_total) for c in components]
    assert copy.get_latest_revision_as_object().min_jobs_created == 3

    second_headers, second_rows = read_xlsx(export_bytes("xlsx"))
    assert len(second_rows) == 64
    compared = [h for h in headers if h not in NOT_COPIED]
    assert {h for h in second_headers if h not in NOT_COPIED} == set(compared)
    by_title = {}
    for row in second_rows:
        by_title.setdefault(row["titre"], []).append(row)
    differing = []
    for original in originals.values():
        twins = by_title[original["titre"]]
        assert len(twins) == 2
        made = next(row for row in twins if row["uuid"] != original["uuid"])
        differing += [
            (original["titre"], header, original[header], made[header])
            for header in compared
            if comparable(header, original[header]) != comparable(header, made[header])
        ]
    assert differing == []

    revisions = Revision.objects.count()
    again = run(export_bytes("xlsx"), dry_run=False)
    assert not again.has_errors, messages(again)
    assert {row.outcome for row in again.rows} == {Outcome.UNCHANGED}
    assert Revision.objects.count() == revisions


def test_an_old_export_without_the_new_columns_keeps_the_cases_and_restrictions(demo_guide):
    """A file made before the cases (no « Cas » group, volets without their audience, sector
    and share of the units) leaves them as they are."""
    alixio = AidPage.objects.get(aid_uuid=demo_uuid(ALIXIO), locale__language_code="fr")
    headers, rows = read_csv(export_bytes("csv"))
    new_parts = ("_unites_aidees", "_unites_sur", "_public", "_secteur")
    old = [
        h
        for h in headers
        if not h.startswith("cas_") and not h.endswith(new_parts) and h != "emplois_crees_min"
    ]
    revisions = Revision.objects.count()
    report = run(xlsx_of(old, rows), dry_run=False)
    assert not report.has_errors, messages(report)
    assert {row.outcome for row in report.rows} == {Outcome.UNCHANGED}
    assert Revision.objects.count() == revisions
    # A change of another column keeps them too.
    # The job grant: its share of the units is not in the old file's columns.
    row = row_of(rows, alixio)
    number = next(n for n in range(1, 10) if row.get(f"volet_{n}_unites_aidees") == "1")
    row[f"volet_{number}_plafond"] = "30000"
    report = run(xlsx_of(old, rows), dry_run=False)
    assert not report.has_errors, messages(report)
    assert report.count(Outcome.UPDATED) == 1
    assert draft_cases(alixio) == spec_cases(ALIXIO)
    grant = AidPage.objects.get(pk=alixio.pk).get_latest_revision_as_object()
    grant = grant.financial_components.all()[number - 1]
    assert (grant.ceiling, grant.unit_share_count, grant.unit_share_total) == (30000, 1, 3)
