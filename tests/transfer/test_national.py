"""Import of the national schema's CSV (dispositif-aide and its professionnels extension)."""

import csv
import datetime
import io
from pathlib import Path

import pytest

from guide.models import AidPage, FundingProgramme, Organisation
from tests.support.factories import AidPageFactory, FinancialComponentFactory
from tests.support.transfer_files import counts, messages, run, warnings
from transfer.national import national_date, parse_actors
from transfer.report import Outcome

DATA = Path(__file__).parents[1] / "data" / "national"
CORE = DATA / "dispositif-aide--exemple.csv"
PROFESSIONNELS = DATA / "dispositif-aide-professionnels--exemple.csv"
EXAMPLE_ID = "65d5b6c7-102c-4440-ac3b-768f708edc0a"


@pytest.fixture
def porteurs(guide_index):
    return (
        Organisation.objects.create(name="ADEME", siren="385290309"),
        # Found by its SIREN although the guide spells its name differently.
        Organisation.objects.create(name="Bpifrance", siren="320 252 489"),
    )


def national_csv(path, **changes):
    """The example file with some cells changed, and optionally more rows (``extra``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        headers, rows = reader.fieldnames, list(reader)
    extra = changes.pop("extra", [])
    rows[0].update(changes)
    rows += [{**rows[0], **row} for row in extra]
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, headers)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@pytest.mark.django_db
def test_the_professionnels_example_becomes_a_draft(porteurs):
    ademe, bpifrance = porteurs
    FundingProgramme.objects.create(name="Fonds vert 2024", kind="national")
    report = run(PROFESSIONNELS.read_bytes(), "exemple.csv", national=True, dry_run=False)
    assert not report.has_errors, messages(report)
    assert [row.outcome for row in report.rows] == [Outcome.CREATED]

    page = AidPage.objects.get(aid_uuid=EXAMPLE_ID)
    assert not page.live
    assert page.title == "Accélérateur décarbonation"
    assert page.promesse.startswith("Développez votre stratégie bas carbone")
    assert page.description.startswith("<p>Le Futsal fait l'objet")
    lines = page.eligibility.split("\n")
    assert len(lines) == 6 and lines[0].startswith("Le porteur du projet doit être")  # no bullets
    # information|financement: the first guide type carrying each national type.
    assert {t.slug for t in page.aid_types.all()} == {"mise-en-relation", "subvention"}
    assert page.operator == ademe  # the instructeur; the financeur is a funder
    assert list(page.funders.all()) == [bpifrance]
    assert page.programme.name == "Fonds vert 2024"  # Fonds Chaleur is not in the guide
    assert [t.cog_code for t in page.territories.all()] == ["PAYS-99100"]
    assert page.opening_date == page.closing_date == datetime.date(2025, 10, 15)
    assert page.operator_url.startswith("https://agirpourlatransition.ademe.fr/")
    assert (page.staff_min, page.staff_max, page.min_years_in_business) == (10, 249, 2)
    assert {size.code for size in page.company_sizes.all()} == {"MIC", "PME", "ETI", "GE"}


@pytest.mark.django_db
def test_columns_without_equivalent_are_reported_once(porteurs):
    data = national_csv(
        PROFESSIONNELS,
        extra=[
            {"id": "0d9e8f4a-5b7c-4c1d-9e2f-3a4b5c6d7e8f", "titre": "Deuxième"},
            {"id": "1d9e8f4a-5b7c-4c1d-9e2f-3a4b5c6d7e8f", "titre": "Troisième"},
        ],
    )
    report = run(data, "exemple.csv", national=True)
    assert len(report.rows) == 3
    ignored = [str(w) for w in report.warnings]
    for column in (
        "cibles",
        "eligibilite_geographique_exclusions",
        "date_mise_a_jour",
        "base_juridique",
        "eligibilite_forme_juridique",
        "ciblage_secteur_activite",
        "ciblage_naf",
        "chainage_paiement",
    ):
        assert sum(w.startswith(f"colonne {column} ignorée") for w in ignored) == 1, column
    assert not any(row.warnings for row in report.rows)


@pytest.mark.django_db
def test_the_core_example_imports_too_and_reimporting_changes_nothing(porteurs):
    data = CORE.read_bytes()
    assert run(data, "exemple.csv", national=True, dry_run=False).count(Outcome.CREATED) == 1
    before = counts()
    again = run(data, "exemple.csv", national=True, dry_run=False)
    assert [row.outcome for row in again.rows] == [Outcome.UNCHANGED]
    assert counts() == before


@pytest.mark.django_db
def test_errors_name_the_national_column(porteurs):
    data = national_csv(
        CORE,
        porteurs="[{ nom: 'Inconnue', siren: '123456789', roles: [ 'porteur' ]}]",
        types_aides="subvention|avantage fiscal",
        eligibilite_geographique="PAYS-99100|REG-84",
        date_cloture="bientôt",
    )
    report = run(data, "exemple.csv", national=True, dry_run=False)
    found = messages(report)
    assert any(
        m.startswith(
            "Ligne 2, colonne porteurs : « Inconnue (SIREN 123456789) » n'est pas une "
            "organisation du guide"
        )
        for m in found
    ), found
    assert any(
        m.startswith("Ligne 2, colonne types_aides : « subvention » n'est pas une valeur du schéma")
        for m in found
    )
    assert any(
        m.startswith(
            "Ligne 2, colonne eligibilite_geographique : « REG-84 » n'est pas un territoire"
        )
        for m in found
    )
    assert "Ligne 2, colonne date_cloture : « bientôt » n'est pas une date." in " ".join(found)
    assert any("« avantage fiscal » : valeur ignorée" in w for w in warnings(report))
    assert not AidPage.objects.filter(aid_uuid=EXAMPLE_ID).exists()


@pytest.mark.django_db
def test_updating_a_fiche_keeps_what_the_schema_does_not_carry(porteurs, guide_index):
    page = AidPageFactory(parent=guide_index, aid_uuid=EXAMPLE_ID, title="Ancien titre")
    FinancialComponentFactory(page=page)
    page.save_revision().publish()
    report = run(CORE.read_bytes(), "exemple.csv", national=True, dry_run=False)
    row = report.rows[0]
    assert row.outcome == Outcome.UPDATED, messages(report)
    assert "titre" in row.changed and "porteurs" in row.changed and "id" not in row.changed
    latest = AidPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.title == "Accélérateur décarbonation"
    assert len(latest.financial_components.all()) == 1  # volets are not in the schema
    assert len(latest.contacts.all()) == 1  # nor contacts
    assert AidPage.objects.get(pk=page.pk).title == "Ancien titre"  # not published


@pytest.mark.django_db
def test_a_national_file_imported_as_the_guide_format_is_refused_with_a_hint(porteurs):
    report = run(CORE.read_bytes(), "exemple.csv")
    assert report.rejected
    assert "importez-le comme « CSV du schéma national »" in messages(report)[0]


def test_porteurs_in_the_example_notation_and_in_json():
    loose = (
        "[{ nom: 'ADEME', siren: '385290309', roles: [ 'instructeur' ]}, "
        "{ nom: 'BPI', siren: '320252489', roles: [ 'financeur', 'instructeur' ]}]"
    )
    strict = '[{"nom": "ADEME", "siren": "385 290 309", "roles": ["instructeur"]}]'
    assert parse_actors(loose) == [
        {"nom": "ADEME", "siren": "385290309", "roles": {"instructeur"}},
        {"nom": "BPI", "siren": "320252489", "roles": {"financeur", "instructeur"}},
    ]
    assert parse_actors(strict) == [
        {"nom": "ADEME", "siren": "385290309", "roles": {"instructeur"}}
    ]


def test_national_dates_are_read_in_paris_time():
    assert national_date("2025-10-15T15:00:00Z") == datetime.date(2025, 10, 15)
    assert national_date("2025-12-31T23:30:00Z") == datetime.date(2026, 1, 1)
    assert national_date("2025-03-01") == datetime.date(2025, 3, 1)
