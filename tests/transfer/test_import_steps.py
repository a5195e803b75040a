"""Each step of an import alone (transfer/importing/): the header line's layout, a row's
parsing, its plan against the guide's fiches, its validation, and the all-or-nothing write.
The whole import, file to report, is in test_import.py."""

import datetime
import uuid

import pytest
from django.utils import translation

from guide.models import AidPage, Contact
from tests.support.sites import make_second_site
from tests.support.transfer_files import HEADERS, counts, fiche_row, run, xlsx_of
from transfer.files import Table
from transfer.importing.apply import apply_plans, free_slug
from transfer.importing.layout import read_layout
from transfer.importing.parse import RowParser
from transfer.importing.plan import GuideFiches, Planner
from transfer.importing.validate import check_duplicates, validate_plan
from transfer.references import References
from transfer.report import Outcome, RowReport


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def table_of(rows, headers=HEADERS, **kwargs):
    return Table(headers=headers, rows=list(enumerate(rows, start=2)), **kwargs)


def texts(messages):
    return [str(message) for message in messages]


# Layout: the header line, no database ------------------------------------------------------------


def test_a_guide_file_is_read_as_fiche_columns_and_numbered_groups():
    layout = read_layout(table_of([]))
    assert not layout.errors and not layout.warnings
    assert {"title", "closing_date", "aid_uuid"} <= {c.field for c in layout.fiche_columns}
    assert sorted(layout.volet_groups) == [1, 2] and sorted(layout.contact_groups) == [1, 2]
    assert layout.has_volets and layout.has_contacts


def test_a_header_line_the_import_cannot_use_is_refused_with_what_to_do():
    national = read_layout(table_of([], headers=["id", "titre", "types_aides", "porteurs"]))
    assert "importez-le comme « CSV du schéma national »" in texts(national.errors)[0]
    neither = read_layout(table_of([], headers=["promesse", "date_cloture"]))
    assert "il faut au moins la colonne uuid ou la colonne titre" in texts(neither.errors)[0]


def test_an_incomplete_group_is_refused_and_unknown_columns_are_ignored_with_a_warning():
    layout = read_layout(table_of([], headers=["uuid", "volet_1_nature", "couleur"]))
    assert texts(layout.errors)[0].startswith(
        "Le groupe de colonnes volet_1 est incomplet : il manque volet_1_intitule"
    )
    assert texts(layout.warnings) == ["Colonnes inconnues, ignorées : couleur."]
    only_dates = read_layout(table_of([], headers=["uuid", "date_cloture"]))
    assert not only_dates.errors and not only_dates.has_volets and not only_dates.has_contacts


def test_messages_name_the_column_as_the_file_spelt_it():
    layout = read_layout(
        table_of([], headers=["uuid", "titre", "date_cloture"], source_headers={"titre": "nom"})
    )
    assert layout.source("titre") == "nom" and layout.source("uuid") == "uuid"
    assert layout.page_field_column("title") == "nom"
    assert layout.page_field_column("closing_date") == "date_cloture"
    assert layout.component_column(2, "ceiling") == "volet_2_plafond"
    assert layout.component_column(2, "__all__") == "volet_2_nature"


# Parse: one row's cells --------------------------------------------------------------------------


def parse(cells, headers=HEADERS):
    layout = read_layout(table_of([cells], headers=headers))
    row = RowReport(line=2)
    return RowParser(layout, References()).parse(row, cells), row


@pytest.mark.django_db
def test_a_row_parses_into_content_with_its_existing_contact(actors):
    operator, contact = actors
    given, row = parse(fiche_row(volet_1_montant="15000"))
    assert not row.errors and not row.warnings
    assert given.values["title"] == "Prêt d'honneur Bièvre"
    assert given.values["closing_date"] == datetime.date(2026, 12, 31)
    assert given.values["operator"] == operator.pk
    assert len(given.components) == 1  # volet_2 is empty: no second volet
    assert given.components[0]["amount"] == 15000
    assert [(item["contact"], item["_number"]) for item in given.contacts] == [(contact.pk, 1)]


@pytest.mark.django_db
def test_a_bad_cell_is_an_error_on_its_column_and_other_cells_are_still_read(actors):
    given, row = parse(fiche_row(effectif_max="douze", volet_1_nature=""))
    assert texts(row.errors) == [
        "Ligne 2, colonne effectif_max : « douze » n'est pas un nombre entier. Écrivez par "
        "exemple 49.",
        "Ligne 2, colonne volet_1_nature : indiquez la nature du volet (un identifiant de "
        "type d'aide, par exemple pret ou subvention), ou videz tout le volet.",
    ]
    assert given.values["title"] == "Prêt d'honneur Bièvre"


@pytest.mark.django_db
def test_a_contact_whose_details_differ_is_kept_with_a_warning(actors):
    _operator, contact = actors
    given, row = parse(fiche_row(contact_1_email="autre@example.org"))
    assert not row.errors
    assert given.contacts[0]["contact"] == contact.pk
    assert "l'e-mail du fichier (autre@example.org) diffère" in texts(row.warnings)[0]


@pytest.mark.django_db
def test_a_file_without_volet_columns_leaves_the_volets_as_they_are(actors):
    given, row = parse({"uuid": str(uuid.uuid4()), "titre": "Aide"}, headers=["uuid", "titre"])
    assert not row.errors
    assert given.components is None and given.contacts is None


# Plan: against the guide's fiches ----------------------------------------------------------------


def planner_for(index, rows, headers=HEADERS):
    table = table_of(rows, headers=headers)
    layout = read_layout(table)
    references = References(site=index.get_site())
    planner = Planner(
        layout=layout,
        references=references,
        fiches=GuideFiches(index, table),
        index=index,
        user=None,
    )
    parser = RowParser(layout, references)

    def plan(cells, line=2):
        row = RowReport(line=line)
        return planner.plan(row, parser.parse(row, cells)), row

    return planner, plan


@pytest.fixture
def imported(actors, guide_index):
    """A fiche the import created from ``fiche_row`` with a known uuid."""
    given = uuid.uuid4()
    report = run(xlsx_of(HEADERS, [fiche_row(uuid=str(given))]), dry_run=False)
    assert report.applied
    guide_index.refresh_from_db()  # its number of children (treebeard's numchild)
    return AidPage.objects.get(aid_uuid=given)


@pytest.mark.django_db
def test_a_row_equal_to_its_fiche_is_unchanged_and_plans_nothing(guide_index, imported):
    cells = fiche_row(uuid=str(imported.aid_uuid))
    _planner, plan = planner_for(guide_index, [cells])
    planned, row = plan(cells)
    assert planned is None and row.outcome == Outcome.UNCHANGED
    assert row.page_id == imported.pk


@pytest.mark.django_db
def test_a_changed_cell_plans_that_field_on_the_latest_content_and_writes_nothing(
    guide_index, imported
):
    cells = fiche_row(uuid=str(imported.aid_uuid), date_cloture="2027-03-31")
    _planner, plan = planner_for(guide_index, [cells])
    before = counts()
    planned, row = plan(cells)
    assert row.outcome == Outcome.UPDATED and row.changed == ["date_cloture"]
    assert planned.page.pk == imported.pk
    assert planned.page.closing_date == datetime.date(2027, 3, 31)
    assert planned.components is None  # the volets did not change: not rebuilt
    assert counts() == before
    imported.refresh_from_db()
    assert imported.closing_date == datetime.date(2026, 12, 31)


@pytest.mark.django_db
def test_a_new_contact_named_on_two_rows_is_planned_once(actors, guide_index):
    rows = [
        fiche_row(titre=f"Aide {n}", contact_1_nom="Nouveau", contact_1_email="n@example.org")
        for n in (1, 2)
    ]
    planner, plan = planner_for(guide_index, rows)
    first, _row = plan(rows[0], line=2)
    second, second_row = plan(rows[1], line=3)
    assert first.report.outcome == second.report.outcome == Outcome.CREATED
    assert len(planner.new_contacts) == 1
    assert "Contact « Nouveau » (Initiative Bièvre) créé par la ligne 2." in second_row.notes
    assert not Contact.objects.filter(name="Nouveau").exists()


@pytest.mark.django_db
def test_an_uuid_of_another_guide_is_refused(guide_index, imported):
    second = make_second_site()
    cells = fiche_row(uuid=str(imported.aid_uuid))
    _planner, plan = planner_for(second.guide, [cells])
    planned, row = plan(cells)
    assert planned is None and row.outcome == Outcome.ERROR
    assert any("fiche d'un autre guide" in text for text in texts(row.errors))


# Validate: the admin's checks on the planned page ------------------------------------------------


@pytest.mark.django_db
def test_the_planned_page_goes_through_the_admins_checks_naming_the_column(actors, guide_index):
    cells = fiche_row(date_ouverture="2027-01-01")
    planner, plan = planner_for(guide_index, [cells])
    planned, row = plan(cells)
    assert not row.errors  # each cell is valid alone
    validate_plan(planned, planner.layout)
    assert texts(row.errors)[0].startswith(
        "Ligne 2, colonne date_cloture : La date de clôture (31/12/2026) doit être postérieure"
    )


@pytest.mark.django_db
def test_a_valid_draft_that_could_not_be_published_yet_gets_a_note(actors, guide_index):
    cells = fiche_row(eligibilite="")
    planner, plan = planner_for(guide_index, [cells])
    planned, row = plan(cells)
    validate_plan(planned, planner.layout)
    assert not row.errors
    assert row.notes[-1].startswith("Brouillon incomplet : pour publier, il manquera")
    assert "eligibilite" in row.notes[-1]


@pytest.mark.django_db
def test_an_uuid_or_a_slug_twice_and_a_slug_taken_are_errors_across_rows(guide_index, imported):
    repeated = str(uuid.uuid4())
    rows = [
        fiche_row(uuid=repeated, titre="A", slug="aide-a"),
        fiche_row(uuid=repeated, titre="B", slug="aide-b"),
        fiche_row(titre="C", slug="aide-a"),
        fiche_row(titre="D", slug=imported.slug),
    ]
    planner, plan = planner_for(guide_index, rows)
    reports, plans = [], []
    for line, cells in enumerate(rows, start=2):
        planned, row = plan(cells, line=line)
        reports.append(row)
        plans.append(planned)
    check_duplicates(reports, plans, guide_index, planner.layout)
    assert [texts(row.errors) for row in reports] == [
        [],
        [
            "Ligne 3, colonne uuid : cet uuid figure déjà à la ligne 2 : une fiche ne peut être "
            "importée qu'une fois par fichier."
        ],
        ["Ligne 4, colonne slug : le slug « aide-a » figure déjà à la ligne 2."],
        [
            f"Ligne 5, colonne slug : le slug « {imported.slug} » est déjà pris par une autre "
            "fiche du guide."
        ],
    ]
    assert [row.outcome for row in reports] == [Outcome.CREATED] + [Outcome.ERROR] * 3


# Apply: all or nothing ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_apply_saves_drafts_and_new_contacts_or_nothing(actors, guide_index, monkeypatch):
    rows = [
        fiche_row(titre=f"Aide {n}", contact_1_nom=f"Nouveau {n}", contact_1_email="n@x.fr")
        for n in range(3)
    ]
    planner, plan = planner_for(guide_index, rows)
    plans = [plan(cells, line=line)[0] for line, cells in enumerate(rows, start=2)]
    before = counts()

    original = AidPage.save_revision

    def failing_third(self, *args, **kwargs):
        if self.title == "Aide 2":
            raise RuntimeError("disque plein")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AidPage, "save_revision", failing_third)
    assert apply_plans(plans, planner.new_contacts, index=guide_index) is False
    assert counts() == before
    assert plans[2].report.outcome == Outcome.ERROR
    assert "l'enregistrement a échoué (disque plein)" in texts(plans[2].report.errors)[0]

    monkeypatch.setattr(AidPage, "save_revision", original)
    planner, plan = planner_for(guide_index, rows)
    plans = [plan(cells, line=line)[0] for line, cells in enumerate(rows, start=2)]
    assert apply_plans(plans, planner.new_contacts, index=guide_index) is True
    saved = AidPage.objects.filter(title__startswith="Aide ")
    assert saved.count() == 3 and not saved.filter(live=True).exists()
    assert Contact.objects.filter(name__startswith="Nouveau ").count() == 3
    assert all(p.report.page_id for p in plans)


@pytest.mark.django_db
def test_a_new_fiche_without_slug_gets_the_first_free_one(guide_index, imported):
    assert free_slug(guide_index, "Un tout autre titre") == "un-tout-autre-titre"
    assert free_slug(guide_index, imported.title) == f"{imported.slug}-2"
