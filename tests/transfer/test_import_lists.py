"""The fiche's lists in the fiches file: « Dépenses couvertes », « Exemples de projets » and
« Préparez votre appel », one item per line in a cell as ``eligibilite``; « Comment demander »
(``comment_en_beneficier``) under its new and its former title. Round trips, a bad cell, and the
English translation that neither the export nor the import touches."""

import pytest
from wagtail.models import Locale, Revision

from guide.models import AidPage
from tests.support.factories import AidPageFactory
from tests.support.transfer_files import (
    HEADERS,
    counts,
    csv_of,
    export_bytes,
    fiche_row,
    messages,
    read_csv,
    read_xlsx,
    run,
    xlsx_of,
)
from transfer.columns import key_for_header
from transfer.report import Outcome

pytestmark = pytest.mark.django_db

COVERED = "Matériel et équipements (four, machine)\nTravaux d'aménagement du local"
EXAMPLES = "Une boulangerie qui remplace son four"
CHECKLIST = "Votre numéro SIRET\nLe devis du four, non signé"


def latest(aid_uuid):
    page = AidPage.objects.get(aid_uuid=aid_uuid, locale=Locale.get_default())
    return page.get_latest_revision_as_object()


@pytest.fixture
def oven_grant(actors, guide_index):
    page = AidPageFactory(
        parent=guide_index,
        title="Subvention modernisation",
        covered_expenses=COVERED,
        project_examples=EXAMPLES,
        call_checklist=CHECKLIST,
        how_to_apply="<ol><li>Appelez le service</li><li>Déposez le dossier</li></ol>",
        application_url="https://demarches.exemple.example/modernisation",
    )
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def test_a_list_cell_gives_one_item_per_line(actors, guide_index):
    row = fiche_row(
        depenses_couvertes="- Matériel et équipements (four, machine)\n\n • Travaux d'aménagement "
        "du local  ",
        exemples_projets=EXAMPLES,
        preparez_votre_appel=CHECKLIST,
        comment_en_beneficier="1. Appelez le service\n2. Déposez le dossier",
    )
    data = xlsx_of(HEADERS, [row])
    report = run(data, dry_run=False)
    assert not report.has_errors, messages(report)
    page = AidPage.objects.get(title="Prêt d'honneur Bièvre").get_latest_revision_as_object()
    assert page.covered_expenses == COVERED  # list marks, blank lines and spaces dropped
    assert page.project_examples == EXAMPLES
    assert page.call_checklist_lines() == CHECKLIST.split("\n")
    assert page.how_to_apply.startswith("<ol><li")
    # The same file again: the lines are the same, nothing changes.
    before = counts()
    row["uuid"] = str(page.aid_uuid)
    again = run(xlsx_of(HEADERS, [row]), dry_run=False)
    assert [r.outcome for r in again.rows] == [Outcome.UNCHANGED]
    assert counts() == before


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_export_then_import_keeps_every_line(oven_grant, extension):
    data = export_bytes(extension)
    headers, rows = read_xlsx(data) if extension == "xlsx" else read_csv(data)
    (row,) = rows
    assert row["depenses_couvertes"] == COVERED  # one item per line, as eligibilite
    assert row["exemples_projets"] == EXAMPLES
    assert row["preparez_votre_appel"] == CHECKLIST
    assert row["url_demande"] == "https://demarches.exemple.example/modernisation"
    assert row["comment_en_beneficier"] == "1. Appelez le service\n2. Déposez le dossier"
    before = counts()
    report = run(data, f"fiches.{extension}", dry_run=False)
    assert not report.has_errors, messages(report)
    assert [r.outcome for r in report.rows] == [Outcome.UNCHANGED]
    assert counts() == before


def test_an_edited_list_changes_that_field_only(oven_grant):
    headers, rows = read_csv(export_bytes("csv"))
    rows[0]["depenses_couvertes"] += "\nVéhicule utilitaire"
    rows[0]["preparez_votre_appel"] = ""  # back to the guide's default list
    report = run(csv_of(headers, rows), "fiches.csv", dry_run=False)
    assert not report.has_errors, messages(report)
    (row,) = report.rows
    assert row.outcome == Outcome.UPDATED
    assert row.changed == ["depenses_couvertes", "preparez_votre_appel"]
    page = latest(oven_grant.aid_uuid)
    assert page.covered_expenses.split("\n")[-1] == "Véhicule utilitaire"
    assert page.call_checklist == ""
    assert page.project_examples == EXAMPLES and page.how_to_apply == oven_grant.how_to_apply
    assert AidPage.objects.get(pk=oven_grant.pk).covered_expenses == COVERED  # not published


def test_a_list_in_html_names_its_line_and_changes_nothing(oven_grant):
    headers, rows = read_xlsx(export_bytes("xlsx"))
    rows[0]["exemples_projets"] = "<ul><li>Une boulangerie</li></ul>"
    revisions = Revision.objects.count()
    before = counts()
    report = run(xlsx_of(headers, rows), dry_run=False)
    assert messages(report) == [
        "Ligne 2, colonne exemples_projets : « <ul><li>Une boulangerie</li></ul> » est du HTML : "
        "écrivez un élément par ligne, en texte simple (retour à la ligne dans la cellule)."
    ]
    assert report.rows[0].outcome == Outcome.ERROR and not report.applied
    assert counts() == before and Revision.objects.count() == revisions
    assert latest(oven_grant.aid_uuid).project_examples == EXAMPLES


def test_the_headers_old_and_new():
    assert key_for_header("Dépenses couvertes") == "depenses_couvertes"
    assert key_for_header("Exemples de projets") == "exemples_projets"
    assert key_for_header("Préparez votre appel") == "preparez_votre_appel"
    assert key_for_header("Comment demander") == "comment_en_beneficier"
    # An export made before 2026-12 named the steps « Comment en bénéficier ».
    assert key_for_header("Comment en bénéficier") == "comment_en_beneficier"


def test_a_file_without_the_new_columns_leaves_them_as_they_are(oven_grant):
    headers, rows = read_csv(export_bytes("csv"))
    kept = [h for h in headers if h not in ("depenses_couvertes", "exemples_projets")]
    rows[0]["promesse"] = "Modernisez votre atelier avec une subvention"
    report = run(csv_of(kept, rows), "fiches.csv", dry_run=False)
    assert not report.has_errors, messages(report)
    page = latest(oven_grant.aid_uuid)
    assert page.promesse == "Modernisez votre atelier avec une subvention"
    assert page.covered_expenses == COVERED and page.project_examples == EXAMPLES


def test_the_english_translation_is_neither_exported_nor_changed(oven_grant, guide):
    home, index = guide
    english = Locale.objects.create(language_code="en")
    for page in (home, index):
        page.copy_for_translation(english, copy_parents=False).save_revision().publish()
    translated = oven_grant.copy_for_translation(english)
    translated.covered_expenses = "Equipment (oven, machine)\nFitting out the premises"
    translated.save_revision().publish()

    headers, rows = read_csv(export_bytes("csv"))
    assert [row["depenses_couvertes"] for row in rows] == [COVERED]  # the French fiche only
    rows[0]["depenses_couvertes"] = "Matériel"
    report = run(csv_of(headers, rows), "fiches.csv", dry_run=False)
    assert not report.has_errors, messages(report)
    assert latest(oven_grant.aid_uuid).covered_expenses == "Matériel"
    english_page = AidPage.objects.get(translation_key=oven_grant.translation_key, locale=english)
    assert english_page.get_latest_revision_as_object().covered_expenses == (
        "Equipment (oven, machine)\nFitting out the premises"
    )
