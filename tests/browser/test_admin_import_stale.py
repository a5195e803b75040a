"""An old export cannot undo newer work (Chromium, fr-FR, as a Rédacteur): the editor exports the
fiches, someone else then saves a draft of one of them, and the editor imports the old file with
a changed cell. The dry run flags that row « modifiée depuis l'export le … par … » with its old
and new values; confirmed as it is, the row is refused and nothing is written; ticked in a new
dry run, it is imported."""

import datetime
import re

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from guide.models import AidPage
from guide.roles import EDITORS
from tests.browser.conftest import axe_violations, committed

pytestmark = [pytest.mark.browser, pytest.mark.admin_browser, pytest.mark.django_db]

# A fictitious fiche: it has a verification date to change (the fiches built from the sources
# have none, demo/seed_facts.py).
FICHE = "pret-honneur-createurs"
VERIFIED = datetime.date(2026, 12, 15)
BLOCKING = ("(serious)", "(critical)")


def fiche():
    return AidPage.objects.get(slug=FICHE, locale__language_code="fr")


def someone_saves_a_draft():
    """Another member of the team changes the fiche after the export."""
    camille, _created = User.objects.get_or_create(
        username="camille-martin", defaults={"first_name": "Camille", "last_name": "Martin"}
    )
    latest = fiche().get_latest_revision_as_object()
    latest.promesse = "Renforcez vos fonds propres, sans intérêt ni garantie"
    latest.save_revision(user=camille)


def latest_state():
    latest = fiche().get_latest_revision_as_object()
    return latest.last_verified, latest.promesse


def change_cell(path, uuid):
    """The exported workbook, its « Vérifiée le » changed on the fiche's row."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Fiches"]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("Vérifiée le") + 1
    for line in range(2, sheet.max_row + 1):
        if sheet.cell(line, 1).value == uuid:
            old = sheet.cell(line, column).value
            sheet.cell(line, column).value = VERIFIED
            workbook.save(path)
            return line, old.date() if isinstance(old, datetime.datetime) else old
    raise AssertionError("the fiche is not in the export")


def dry_run(page, demo_site, path):
    page.goto(demo_site + reverse("guide_transfer"))
    page.locator("#id_file").set_input_files(path)
    page.get_by_role("button", name="Essai à blanc").click()
    page.wait_for_load_state()


def test_an_old_exports_row_is_refused_unless_ticked(
    demo_site, admin_page, tmp_path, screenshots_dir
):
    page, _user = admin_page(EDITORS)
    page.goto(demo_site + reverse("guide_transfer"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger").click()
    path = tmp_path / "fiches.xlsx"
    download.value.save_as(path)

    uuid = committed(lambda: str(fiche().aid_uuid))
    line, old_value = change_cell(path, uuid)
    committed(someone_saves_a_draft)
    before = committed(latest_state)

    dry_run(page, demo_site, path)
    row = page.locator("tr", has=page.get_by_role("cell", name=str(line), exact=True)).first
    flag = row.locator(".transfer-stale")
    when = r"le \d{1,2} \w+ 20\d\d à \d\d:\d\d"
    assert re.search(f"Modifiée depuis l'export {when} par Camille Martin", flag.inner_text())
    diff = row.locator(".transfer-diff tbody tr", has_text="Vérifiée le")
    assert diff.locator(".transfer-diff__old").inner_text() == old_value.strftime("%d/%m/%Y")
    assert diff.locator(".transfer-diff__new").inner_text() == "15/12/2026"
    assert [v for v in axe_violations(page) if any(level in v for level in BLOCKING)] == []
    row.screenshot(path=screenshots_dir / "admin-import-stale-row.png")

    # Confirmed without ticking it: refused, nothing written.
    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_load_state()
    assert "refusée" in page.locator("tr", has_text=str(line)).first.inner_text()
    assert committed(latest_state) == before

    # A new dry run, the row ticked: imported over the newer draft.
    dry_run(page, demo_site, path)
    page.get_by_label(f"Importer quand même la ligne {line}", exact=False).check()
    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_load_state()
    assert "Résultat de l'import" in page.content()
    verified, promesse = committed(latest_state)
    assert verified == VERIFIED
    assert promesse != before[1]  # the file's row replaced the newer draft, as ticked
    assert page.watcher.errors == []
