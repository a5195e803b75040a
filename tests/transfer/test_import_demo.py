"""The demo guide exported then imported: nothing changes; edited cells change exactly their
fields on a new revision; a volet removed and a contact added (the demo guide's part of
tests/transfer/test_import.py)."""

import datetime

import pytest
from wagtail.models import Revision

from demo.loader import demo_uuid
from guide.models import AidPage, Organisation
from tests.support.transfer_files import (
    counts,
    csv_of,
    export_bytes,
    messages,
    read_csv,
    read_xlsx,
    run,
    xlsx_of,
)
from transfer.report import Outcome

ALIXIO = "alixio-pme-pmi-val-de-marne-essonne"


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_export_then_import_changes_nothing(demo_guide, extension):
    before = counts()
    report = run(export_bytes(extension), f"fiches.{extension}", dry_run=False)
    assert not report.has_errors, messages(report)
    assert len(report.rows) == 32
    assert {row.outcome for row in report.rows} == {Outcome.UNCHANGED}
    assert not report.warnings
    assert counts() == before


@pytest.mark.django_db
def test_edited_cells_change_exactly_those_fields_on_a_new_revision(demo_guide):
    page = AidPage.objects.get(aid_uuid=demo_uuid(ALIXIO), locale__language_code="fr")
    live_before = (page.closing_date, page.promesse, page.financial_components.first().ceiling)
    revisions_before = Revision.objects.count()
    headers, rows = read_xlsx(export_bytes("xlsx"))
    target = next(row for row in rows if row["uuid"] == str(page.aid_uuid))
    was_permanent = target["recurrence"] == "permanente"  # a permanent aid has no closing date
    target["promesse"] = "Financez vos emplois en CDI sans caution personnelle"
    target["volet_1_plafond"] = 250000
    target["publics"] = "pme | pmi | eti"
    target["recurrence"] = "ponctuelle"
    target["date_cloture"] = datetime.date(2027, 6, 30)
    report = run(xlsx_of(headers, rows), dry_run=False)
    assert not report.has_errors, messages(report)
    changed = [row for row in report.rows if row.outcome == Outcome.UPDATED]
    assert len(changed) == 1 and report.count(Outcome.UNCHANGED) == 31
    assert changed[0].changed == [
        "promesse",
        "publics",
        "date_cloture",
        *(["recurrence"] if was_permanent else []),
        "volet_1_plafond",
    ]
    assert Revision.objects.count() == revisions_before + 1

    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert latest.promesse == "Financez vos emplois en CDI sans caution personnelle"
    assert latest.financial_components.first().ceiling == 250000
    assert {a.slug for a in latest.audiences.all()} == {"pme", "pmi", "eti"}
    assert latest.closing_date == datetime.date(2027, 6, 30)
    # Everything else is as before, component lines and contact lines kept.
    original = page.specific
    assert latest.description == original.description
    assert [c.pk for c in latest.financial_components.all()] == [
        c.pk for c in original.financial_components.all()
    ]
    assert [c.contact_id for c in latest.contacts.all()] == [
        c.contact_id for c in original.contacts.all()
    ]
    # Not published: the live page is unchanged.
    assert page.live and page.has_unpublished_changes
    assert (
        page.closing_date,
        page.promesse,
        page.financial_components.first().ceiling,
    ) == live_before
    # A new export shows the new values, and importing it again changes nothing.
    second = run(export_bytes("xlsx"), dry_run=False)
    assert {row.outcome for row in second.rows} == {Outcome.UNCHANGED}
    assert Revision.objects.count() == revisions_before + 1


@pytest.mark.django_db
def test_removing_a_volet_and_adding_a_contact(demo_guide):
    page = AidPage.objects.get(aid_uuid=demo_uuid(ALIXIO), locale__language_code="fr")
    headers, rows = read_csv(export_bytes("csv"))
    target = next(row for row in rows if row["uuid"] == str(page.aid_uuid))
    for header in headers:
        if header.startswith("volet_3_"):
            target[header] = ""
    target["contact_2_nom"] = "Cellule revitalisation"
    target["contact_2_organisation"] = "Alixio"
    target["contact_2_email"] = "revitalisation@example.org"
    target["contact_2_note"] = "De la part du GOSB"
    report = run(csv_of(headers, rows), "fiches.csv", dry_run=False)
    assert not report.has_errors, messages(report)
    row = next(r for r in report.rows if r.outcome == Outcome.UPDATED)
    assert row.changed[:1] == ["volet_3_nature"] and "contact_2_nom" in row.changed
    latest = AidPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert len(latest.financial_components.all()) == 2
    assert [line.contact.name for line in latest.contacts.all()][1] == "Cellule revitalisation"
    assert Organisation.objects.filter(name="Alixio").count() == 1
