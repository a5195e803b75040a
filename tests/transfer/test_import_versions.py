"""Imports that cannot go backwards: the export's version of each fiche, old → new values in the
dry run, rows whose fiche changed since the export refused unless confirmed row by row, the
submission to review, French headers and readable rich text."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Revision, WorkflowState

from guide.models import AidPage
from guide.models.aid_page import DESCRIPTION_FEATURES
from guide.roles import EDITORS, REVIEWERS, role_group
from tests.support.factories import AidPageFactory, FinancialComponentFactory
from tests.support.sites import make_second_site
from tests.support.transfer_files import (
    HEADERS,
    export_bytes,
    fiche_row,
    messages,
    read_csv,
    read_xlsx,
    run,
    xlsx_of,
)
from transfer.cells import HtmlCodec
from transfer.columns import key_for_header
from transfer.importer import overrides_of
from transfer.prose import html_to_text, text_to_html
from transfer.report import Outcome
from transfer.staging import stage

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("guide_transfer_import")
CONFIRM_URL = reverse("guide_transfer_confirm")
LONG_TEXT = (
    "Le prêt d'honneur finance le démarrage de votre entreprise sans garantie personnelle. "
    "Il est remboursé sur cinq ans, sans intérêts, et ouvre l'accès à un prêt bancaire. "
    "Un parrain accompagne le créateur pendant les trois premières années de l'entreprise."
)


def spaces(text):
    """Thin and non-breaking spaces (French grouping) as plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture
def camille(django_user_model):
    return django_user_model.objects.create_user(
        "camille", "camille@exemple.example", "pw", first_name="Camille", last_name="Martin"
    )


def make_fiche(index, operator, title="Prêt d'honneur Bièvre", **fields):
    page = AidPageFactory(
        parent=index,
        title=title,
        operator=operator,
        aid_types=["subvention"],
        opening_date=datetime.date(2026, 1, 1),
        closing_date=datetime.date(2026, 12, 31),
        description=f"<p>{LONG_TEXT}</p><ul><li>Créateurs</li><li>Repreneurs</li></ul>",
        **fields,
    )
    FinancialComponentFactory(page=page, amount=15000)
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def save_draft(page, user, **fields):
    """Someone saves a draft of ``page`` in the admin: a new revision."""
    latest = AidPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(latest, name, value)
    return latest.save_revision(user=user)


def exported_rows(extension="xlsx"):
    data = export_bytes(extension)
    return read_xlsx(data) if extension == "xlsx" else read_csv(data)


def row_of(rows, page):
    return next(row for row in rows if row["uuid"] == str(page.aid_uuid))


# The export: French headers, the version, readable prose -------------------------------------


def test_the_export_names_its_columns_in_french_and_carries_each_fiches_version(
    guide_index, actors
):
    page = make_fiche(guide_index, actors[0])
    data = export_bytes("xlsx")
    headers, rows = read_xlsx(data, keys=False)
    assert headers[:3] == ["Identifiant (uuid)", "Titre", "Adresse de la page"]
    for title in ("Date de clôture", "Volet 1 · montant (€)", "Contact 2 · e-mail"):
        assert title in headers
    assert "Version exportée" in headers and "Exportée le" in headers
    row = rows[0]
    assert row["Version exportée"] == page.latest_revision_id
    assert datetime.datetime.strptime(row["Exportée le"], "%d/%m/%Y %H:%M")
    # The legend gives each title with the short name the import still reads.
    _legend_headers, legend = read_xlsx(data, sheet="Colonnes")
    closing = next(line for line in legend if line["colonne"] == "Date de clôture")
    assert closing["nom court (accepté)"] == "date_cloture"
    csv_headers, _rows = read_csv(export_bytes("csv"), keys=False)
    assert csv_headers == headers


def test_a_header_is_read_by_its_french_title_or_its_short_name():
    assert key_for_header("Date de clôture") == "date_cloture"
    assert key_for_header("  date de   CLÔTURE ") == "date_cloture"
    assert key_for_header("date_cloture") == "date_cloture"
    assert key_for_header("Volet 2 · plafond (€)") == "volet_2_plafond"
    assert key_for_header("contact 1 · e-mail") == "contact_1_email"
    assert key_for_header("Version exportée") == "version_exportee"
    assert key_for_header("Bidule") == "Bidule"


def test_a_column_named_twice_by_its_title_and_its_key_is_refused(guide_index, actors):
    report = run(xlsx_of(["Titre", "titre"], [{"Titre": "A", "titre": "B"}]))
    assert report.rejected or report.has_errors
    assert "Ces colonnes désignent la même colonne : Titre, titre." in messages(report)[0]


def test_rich_text_is_exported_as_paragraphs_and_lists_and_reads_back_unchanged(
    guide_index, actors
):
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows("csv")
    assert row_of(rows, page)["description"] == f"{LONG_TEXT}\n\n- Créateurs\n- Repreneurs"
    revisions = Revision.objects.count()
    report = run(export_bytes("csv"), "fiches.csv", dry_run=False)
    assert [row.outcome for row in report.rows] == [Outcome.UNCHANGED]
    assert Revision.objects.count() == revisions


def test_prose_typed_in_a_cell_becomes_the_same_rich_text_as_the_editors(guide_index, actors):
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows()
    row = row_of(rows, page)
    row["comment_en_beneficier"] = (
        "Déposez votre dossier **en ligne**.\n\n1. Remplissez le formulaire\n"
        "2. Joignez [le bilan](https://www.exemple.example/bilan)"
    )
    report = run(xlsx_of(headers, rows), dry_run=False)
    assert not report.has_errors, messages(report)
    saved = AidPage.objects.get(pk=page.pk).get_latest_revision_as_object().how_to_apply
    assert "<b>en ligne</b>" in saved and "<ol>" in saved
    assert '<a href="https://www.exemple.example/bilan">le bilan</a>' in saved
    # The next export writes it back as the editor typed it: nothing to import.
    assert run(export_bytes("xlsx")).rows[0].outcome == Outcome.UNCHANGED


# The dry run: old → new ------------------------------------------------------------------


def test_the_dry_run_shows_old_and_new_values_the_french_way(guide_index, actors):
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows()
    row = row_of(rows, page)
    row["date_cloture"] = datetime.date(2027, 6, 30)
    row["volet_1_montant"] = 1500.5
    row["description"] = row["description"].replace("cinq ans", "sept ans")
    report = run(xlsx_of(headers, rows))
    (result,) = report.rows
    assert result.outcome == Outcome.UPDATED, messages(report)
    diffs = {diff.column: (spaces(diff.old), spaces(diff.new)) for diff in result.diffs}
    assert diffs["date_cloture"] == ("31/12/2026", "30/06/2027")
    assert diffs["volet_1_montant"] == ("15 000", "1 500,5")
    old, new = diffs["description"]
    # Long prose: cut around the change, which stays visible.
    assert "cinq ans" in old and "sept ans" in new
    assert old.startswith("…") and len(new) < len(LONG_TEXT)


# Rows whose fiche changed since the export --------------------------------------------------


def test_a_row_whose_fiche_changed_since_the_export_is_flagged_then_refused(
    guide_index, actors, camille
):
    page = make_fiche(guide_index, actors[0])
    other = make_fiche(guide_index, actors[0], title="Autre fiche", slug="autre-fiche")
    headers, rows = exported_rows()
    save_draft(page, camille, promesse="Une promesse plus récente")
    for row in rows:
        row["date_cloture"] = datetime.date(2027, 6, 30)
    data = xlsx_of(headers, rows)

    dry = run(data)
    stale = next(row for row in dry.rows if row.uuid == str(page.aid_uuid))
    assert stale.outcome == Outcome.STALE and not stale.errors
    assert stale.stale.message.startswith("modifiée depuis l'export le ")
    assert stale.stale.message.endswith(" par Camille Martin")
    assert stale.diffs  # its old → new values are shown too
    assert "1 ligne modifiée depuis l'export" in dry.summary()

    revisions = Revision.objects.count()
    done = run(data, dry_run=False)
    refused = next(row for row in done.rows if row.uuid == str(page.aid_uuid))
    assert refused.outcome == Outcome.REFUSED and done.applied
    assert "rien n'est écrit pour cette ligne" in str(refused.warnings[0])
    assert Revision.objects.count() == revisions + 1  # the other fiche only
    latest = AidPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.promesse == "Une promesse plus récente"
    assert latest.closing_date == datetime.date(2026, 12, 31)
    changed = AidPage.objects.get(pk=other.pk).get_latest_revision_as_object()
    assert changed.closing_date == datetime.date(2027, 6, 30)


def test_an_import_and_a_publication_count_as_changes_too(guide_index, actors, camille):
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows()
    AidPage.objects.get(pk=page.pk).save_revision(user=camille).publish()
    row_of(rows, page)["promesse"] = "Une autre promesse"
    assert run(xlsx_of(headers, rows)).rows[0].outcome == Outcome.STALE


def test_an_export_made_before_the_version_column_is_checked_by_its_date(
    guide_index, actors, camille
):
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows()
    headers = [h for h in headers if h not in ("version_exportee", "exportee_le")]
    row = row_of(rows, page)
    row["promesse"] = "Une autre promesse"
    row["modifiee_le"] = datetime.date(2026, 1, 2)  # exported long ago
    report = run(xlsx_of(headers, rows))
    assert report.rows[0].outcome == Outcome.STALE
    assert any("exporté avant décembre 2026" in str(w) for w in report.warnings)
    # Without any version: imported as before, with a warning that says so.
    headers = [h for h in headers if h != "modifiee_le"]
    report = run(xlsx_of(headers, rows))
    assert report.rows[0].outcome == Outcome.UPDATED
    assert any("pas de colonne « Version exportée »" in str(w) for w in report.warnings)


def dry_run(client, data, name="fiches.xlsx"):
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), "kind": "guide"})
    assert response.status_code == 200
    return response


def test_in_the_admin_each_stale_row_is_confirmed_by_its_own_checkbox(
    editor_client, guide_index, actors, camille
):
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows()
    revision = save_draft(page, camille, promesse="Une promesse plus récente")
    row_of(rows, page)["date_cloture"] = datetime.date(2027, 6, 30)
    response = dry_run(editor_client, xlsx_of(headers, rows))
    html = response.content.decode()
    assert "Modifiée depuis l&#x27;export le " in html and "par Camille Martin" in html
    assert "31/12/2026" in html and "30/06/2027" in html and "→" in html
    override = f'name="override" value="2:{revision.pk}"'
    assert override in html and 'form="transfer-confirm"' in html
    ticket = response.context["ticket"]

    response = editor_client.post(CONFIRM_URL, {"ticket": ticket, "override": f"2:{revision.pk}"})
    assert response.status_code == 200
    latest = AidPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.closing_date == datetime.date(2027, 6, 30)
    # The file's row replaces the whole fiche's columns, the newer promesse included.
    assert latest.promesse != "Une promesse plus récente"


def test_a_row_changed_again_after_the_dry_run_is_refused_despite_its_checkbox(
    editor_client, guide_index, actors, camille
):
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows()
    revision = save_draft(page, camille, promesse="Une promesse plus récente")
    row_of(rows, page)["date_cloture"] = datetime.date(2027, 6, 30)
    ticket = dry_run(editor_client, xlsx_of(headers, rows)).context["ticket"]
    newest = save_draft(page, camille, promesse="Encore plus récente")
    response = editor_client.post(CONFIRM_URL, {"ticket": ticket, "override": f"2:{revision.pk}"})
    html = response.content.decode()
    assert "après l&#x27;essai à blanc" in html
    latest = AidPage.objects.get(pk=page.pk)
    assert latest.latest_revision_id == newest.pk
    assert latest.get_latest_revision_as_object().closing_date == datetime.date(2026, 12, 31)


def test_a_forged_override_of_a_row_the_user_may_not_edit_writes_nothing(
    client, django_user_model, guide_index, actors, camille
):
    """A Rédacteur of another territory sends a ticket of their own and an override for a
    fiche of this guide: the fiche's rights are checked again, nothing is written."""
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows()
    revision = save_draft(page, camille, promesse="Une promesse plus récente")
    row_of(rows, page)["date_cloture"] = datetime.date(2027, 6, 30)
    data = xlsx_of(headers, rows)
    second = make_second_site()
    intruder = django_user_model.objects.create_user("intrus", "i@exemple.example", "pw")
    intruder.groups.add(role_group(EDITORS, second.site))
    client.force_login(intruder)
    ticket = stage(data, "fiches.xlsx", "guide", intruder.pk, guide_index.pk).ticket()
    response = client.post(
        CONFIRM_URL,
        {
            "ticket": ticket,
            "override": f"2:{revision.pk}",
            "guide": guide_index.pk,
            "submit_for_review": "on",
        },
    )
    assert response.status_code in (302, 403, 404)  # Wagtail redirects a refusal home
    assert AidPage.objects.get(pk=page.pk).latest_revision_id == revision.pk
    assert not WorkflowState.objects.exists()


def test_a_forged_override_cannot_bypass_the_fiches_own_rights(
    client, django_user_model, guide_index, actors, camille
):
    """A Rédacteur of this territory, the fiche under review: the override is no licence."""
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows()
    revision = save_draft(page, camille, promesse="Une promesse plus récente")
    page.get_workflow().start(AidPage.objects.get(pk=page.pk), camille)
    row_of(rows, page)["date_cloture"] = datetime.date(2027, 6, 30)
    data = xlsx_of(headers, rows)
    writer = django_user_model.objects.create_user("redac", "r@exemple.example", "pw")
    writer.groups.add(role_group(EDITORS))
    client.force_login(writer)
    ticket = stage(data, "fiches.xlsx", "guide", writer.pk, guide_index.pk).ticket()
    response = client.post(CONFIRM_URL, {"ticket": ticket, "override": f"2:{revision.pk}"})
    assert response.status_code == 200
    assert "en cours de relecture" in response.content.decode()
    assert AidPage.objects.get(pk=page.pk).latest_revision_id == revision.pk


# Submitting to review ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [EDITORS, REVIEWERS])
def test_the_imported_changes_are_submitted_to_the_territorys_review(
    client, django_user_model, guide_index, actors, role
):
    page = make_fiche(guide_index, actors[0])
    user = django_user_model.objects.create_user("membre", "m@exemple.example", "pw")
    user.groups.add(role_group(role))
    client.force_login(user)
    headers, rows = exported_rows()
    row_of(rows, page)["date_cloture"] = datetime.date(2027, 6, 30)
    rows.append(fiche_row(titre="Fiche nouvelle", slug="fiche-nouvelle"))
    ticket = dry_run(client, xlsx_of(headers, rows)).context["ticket"]
    response = client.post(CONFIRM_URL, {"ticket": ticket, "submit_for_review": "on"})
    assert response.status_code == 200
    assert "2 fiches sont soumises à la relecture" in response.content.decode()
    for fiche in (AidPage.objects.get(pk=page.pk), AidPage.objects.get(slug="fiche-nouvelle")):
        state = WorkflowState.objects.get(object_id=str(fiche.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == user
        assert state.workflow.name.startswith("Relecture · ")
        assert state.current_task_state.revision_id == fiche.latest_revision_id


def test_without_the_option_the_imported_changes_stay_drafts(editor_client, guide_index, actors):
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows()
    row_of(rows, page)["date_cloture"] = datetime.date(2027, 6, 30)
    ticket = dry_run(editor_client, xlsx_of(headers, rows)).context["ticket"]
    editor_client.post(CONFIRM_URL, {"ticket": ticket})
    assert not WorkflowState.objects.exists()
    assert AidPage.objects.get(pk=page.pk).has_unpublished_changes


def test_a_file_of_short_names_is_still_imported(guide_index, actors):
    report = run(xlsx_of(HEADERS, [fiche_row()]), dry_run=False)
    assert report.applied and report.rows[0].outcome == Outcome.CREATED


def test_override_values_are_read_strictly():
    assert overrides_of(["2:15", "3:0", "x:1", "4:", "5:1:2", "²:3", "6 :7", 8]) == {2: 15, 3: 0}


def test_the_command_refuses_stale_rows_unless_told_and_submits_as_its_user(
    guide_index, actors, camille, tmp_path
):
    page = make_fiche(guide_index, actors[0])
    headers, rows = exported_rows()
    revision = save_draft(page, camille, promesse="Une promesse plus récente")
    row_of(rows, page)["date_cloture"] = datetime.date(2027, 6, 30)
    path = tmp_path / "fiches.xlsx"
    path.write_bytes(xlsx_of(headers, rows))
    out = io.StringIO()
    call_command("import_fiches", str(path), "--dry-run", stdout=out)
    assert f"(--override 2:{revision.pk})" in out.getvalue()
    call_command("import_fiches", str(path), stdout=io.StringIO())
    assert AidPage.objects.get(pk=page.pk).latest_revision_id == revision.pk
    camille.groups.add(role_group(EDITORS))  # a Rédacteur of the guide's territory
    with pytest.raises(CommandError, match="--submit needs --user"):
        call_command("import_fiches", str(path), "--submit")
    out = io.StringIO()
    call_command(
        "import_fiches",
        str(path),
        "--override",
        f"2:{revision.pk}",
        "--submit",
        "--user",
        "camille",
        stdout=out,
    )
    assert "Soumise à la relecture « Relecture · " in out.getvalue()
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.requested_by == camille and state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize(
    "html, text",
    [
        ("<p>Un.</p><p>Deux<br/>lignes.</p>", "Un.\n\nDeux\nlignes."),
        ("<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>", "- a\n- b\n\n1. c"),
        (
            "<h3>Titre</h3><p><b>gras</b> et <i>italique</i></p>",
            "### Titre\n\n**gras** et _italique_",
        ),
        (
            '<p><a href="https://x.example/?a=1&amp;b=2">site</a> '
            '<a linktype="page" id="12">page</a> <a linktype="document" id="3">doc</a></p>',
            "[site](https://x.example/?a=1&b=2) [page](page:12) [doc](document:3)",
        ),
    ],
)
def test_rich_text_and_its_readable_text_convert_both_ways(html, text):
    assert html_to_text(html) == text
    assert text_to_html(text) == html


def test_a_link_typed_in_text_is_only_a_web_mail_phone_page_or_document_link():
    assert text_to_html("[x](javascript:alert(1))") == "<p>[x](javascript:alert(1))</p>"
    assert text_to_html("[x](data:text/html,a)") == "<p>[x](data:text/html,a)</p>"
    assert text_to_html("[x](mailto:a@b.fr)") == '<p><a href="mailto:a@b.fr">x</a></p>'


def test_a_list_typed_right_under_its_paragraph_is_a_list():
    assert text_to_html("Pièces :\n- Kbis\n- RIB\nPuis envoyez.") == (
        "<p>Pièces :</p><ul><li>Kbis</li><li>RIB</li></ul><p>Puis envoyez.</p>"
    )


def test_rich_text_the_text_cannot_say_is_exported_as_html(guide_index, actors):
    nested = "<ul><li>a<ul><li>b</li></ul></li></ul>"
    assert html_to_text(nested) is None
    codec = HtmlCodec(DESCRIPTION_FEATURES)
    assert codec.cell(nested, None) == nested
    literal = "<p>2 * 3 = 6, et *non* souligné</p>"  # asterisks that would read as italic
    assert codec.cell(literal, None) in (literal, "2 * 3 = 6, et *non* souligné")
    assert codec.same(literal, codec.parse(codec.cell(literal, None), None))
