"""The open data of the demo guide: valid against the national schema, faithful to the fiches,
served with the HTTP behaviour partners rely on, and written by the management command."""

import csv
import io
import json
import re
import zoneinfo

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags
from frictionless import Package, Resource, Schema

from guide.models import AidPage
from opendata.schema import SCHEMA_FILE, field_names, national_fields
from opendata.text import rich_text_to_plain

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
CSV_URL = "/donnees/dispositifs-aide.csv"
JSON_URL = "/donnees/dispositifs-aide.json"
CONTACTS_URL = "/donnees/contacts-dispositifs-aide.csv"
DEMO_FICHE_COUNT = 32


def local_schema():
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def error_lines(report):
    return report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])


def as_cell(value):
    return "" if value is None else str(value)


def csv_rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def demo_fiches(demo_guide):
    # The default site's fiches: the demo's second site has its own dataset, on its own host.
    fiches = AidPage.objects.live().public().descendant_of(demo_guide)
    return {str(fiche.aid_uuid): fiche for fiche in fiches}


@pytest.fixture
def national_rows(client, demo_guide):
    response = client.get(CSV_URL)
    assert response.status_code == 200
    return {row["id"]: row for row in csv_rows(response.content)}


def test_the_demo_guide_csv_is_valid_against_the_national_schema(client, demo_fiches):
    content = client.get(CSV_URL).content
    report = Resource(data=content, format="csv", schema=Schema.from_descriptor(local_schema()))
    report = report.validate()
    assert error_lines(report) == []
    assert report.valid
    rows = csv_rows(content)
    assert len(rows) == len(demo_fiches) == DEMO_FICHE_COUNT
    assert {row["id"] for row in rows} == set(demo_fiches)
    assert list(rows[0]) == field_names()  # exactly the schema's columns, in its order
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)  # stable order


def test_every_row_says_what_its_fiche_says(national_rows, demo_fiches):
    for uuid, fiche in demo_fiches.items():
        row = national_rows[uuid]
        assert row["titre"] == fiche.title
        assert row["promesse"] == fiche.promesse
        assert row["types_aides"].split("|") == fiche.national_aid_types()
        assert set(row["eligibilite_geographique"].split("|")) == {
            territory.cog_code for territory in fiche.territories.all()
        }
        assert row["eligibilite_effectif_minimal"] == as_cell(fiche.staff_min)
        assert row["eligibilite_effectif_maximal"] == as_cell(fiche.staff_max)
        assert row["eligibilite_annees_existence_minimal"] == as_cell(fiche.min_years_in_business)
        published = fiche.last_published_at.astimezone(PARIS).isoformat(timespec="seconds")
        assert row["date_mise_a_jour"] == published
        if fiche.opening_date:
            assert row["date_ouverture"] == f"{fiche.opening_date.isoformat()}T00:00:00+01:00" or (
                row["date_ouverture"] == f"{fiche.opening_date.isoformat()}T00:00:00+02:00"
            )
        else:
            assert row["date_ouverture"] == ""
        if fiche.closing_date:
            assert row["date_cloture"].startswith(f"{fiche.closing_date.isoformat()}T23:59:59+0")
        else:
            assert row["date_cloture"] == ""
        assert row["url_source"] == fiche.get_full_url()
        assert row["programmes_parents"] == (fiche.programme.name if fiche.programme else "")
        actors = json.loads(row["porteurs"])
        assert actors[0]["nom"] == fiche.operator.name
        assert actors[0]["roles"][0] == "instructeur"
        assert {actor["nom"] for actor in actors if "financeur" in actor["roles"]} == {
            funder.name for funder in fiche.funders.all()
        }
        assert rich_text_to_plain(fiche.description) in row["description"]
        assert " ".join(strip_tags(fiche.description).split())[:60] in row["description"]
        assert row["description"].startswith("Enveloppe épuisée") == (
            fiche.manual_state == "epuisee"
        )
        assert row["eligibilite"].split("\n")[: len(fiche.eligibility_lines())] == [
            f"• {line}" for line in fiche.eligibility_lines()
        ]
        sectors = [sector.name for sector in fiche.sectors.all()]
        assert row["ciblage_secteur_activite"] == ("|".join(sectors) or "tous secteurs d'activité")


def test_the_alixio_fiche_field_by_field(national_rows, demo_fiches):
    fiche = next(f for f in demo_fiches.values() if f.slug == "alixio-pme-pmi-val-de-marne-essonne")
    row = national_rows[str(fiche.aid_uuid)]
    assert row["types_aides"] == "financement|prêt"
    assert row["eligibilite_geographique"] == "DEP-91|DEP-94"
    # « PME » in the source: fewer than 250 employees, micro-enterprises included.
    assert row["eligibilite_categorie_taille_entreprise"] == "MIC|PME"
    # The source opens the funds to « Entreprises et structures ESS du Territoire ».
    assert row["cibles"] == "professionnels|associations"
    assert row["date_cloture"] == ""  # the source gives no closing date
    assert row["ciblage_secteur_activite"] == "tous secteurs d'activité"
    assert json.loads(row["porteurs"]) == [
        {"nom": "Alixio", "siren": None, "roles": ["instructeur"]},
    ]  # No funder: the companies under the revitalisation obligation pay, the source names none.
    assert row["programmes_parents"] == "Conventions de revitalisation du Grand-Orly Seine Bièvre"
    description = row["description"]
    # The amounts, as the schema recommends, in plain text (plain spaces, no markup).
    assert (
        "• Prêt à taux zéro : 15 000 € par emploi créé, taux 0 %, sur 5 ans, plafond 225 000 €"
        in description
    )
    assert (
        "• Subvention pour une prestation de conseil (Essonne uniquement) : plafond 15 000 €"
        in (description)
    )
    assert "(Indissociable du prêt)" in description
    assert "<" not in description and "\u202f" not in description
    assert (
        "• Publics visés : PME, PMI (petites et moyennes industries), Structures de l'ESS et "
        "associations" in row["eligibilite"]
    )
    # The schema has no cases: a note, then each case in a sentence (the fiche's « Pour qui ? »).
    eligibility = row["eligibilite"].split("\n")
    note = eligibility.index(
        "L'éligibilité diffère selon les cas : l'entreprise remplit les critères ci-dessus et "
        "ceux de l'un des cas suivants."
    )
    assert eligibility[note + 1 :] == [
        "• Dans le Val-de-Marne (94) : PME, PMI (petites et moyennes industries) ou Structures "
        "de l'ESS et associations.",
        "• En Essonne (91), pour une entreprise implantée ou en cours d'implantation : PMI "
        "(petites et moyennes industries).",
    ]
    # The grant applies to one job created in three.
    assert (
        "• Subvention à la création d'emplois : 5 000 € par emploi créé, plafond 25 000 €, "
        "au plus 1 emploi créé sur 3 (Indissociable du prêt)" in description
    )


def test_the_epts_aids_use_its_siren_and_closed_aids_say_so(national_rows, demo_fiches):
    ept_rows = [
        row for row in national_rows.values() if "EPCI-200058014" in row["eligibilite_geographique"]
    ]
    assert ept_rows
    gosb_actors = [
        actor
        for row in national_rows.values()
        for actor in json.loads(row["porteurs"])
        if actor["nom"] == "Grand-Orly Seine Bièvre"
    ]
    assert gosb_actors and all(actor["siren"] == "200058014" for actor in gosb_actors)
    exhausted = next(
        f for f in demo_fiches.values() if f.slug == "diagnostic-transition-ecologique"
    )
    assert national_rows[str(exhausted.aid_uuid)]["description"].startswith("Enveloppe épuisée")


def test_the_json_package_holds_the_csv_records_and_validates(client, demo_guide):
    rows = csv_rows(client.get(CSV_URL).content)
    package = json.loads(client.get(JSON_URL).content)
    resources = {resource["name"]: resource for resource in package["resources"]}
    records = resources["dispositifs-aide"]["data"]
    assert resources["dispositifs-aide"]["schema"] == local_schema()["path"]
    assert package["licenses"][0]["name"] == "etalab-2.0"
    # Same records, same order: JSON keeps types (integers, null for nothing).
    assert [list(record) for record in records] == [field_names()] * len(rows)
    as_text = [
        {name: "" if value is None else str(value) for name, value in record.items()}
        for record in records
    ]
    assert as_text == rows
    assert any(isinstance(record["eligibilite_effectif_minimal"], int) for record in records)
    contacts = csv_rows(client.get(CONTACTS_URL).content)
    assert [
        {name: "" if value is None else str(value) for name, value in contact.items()}
        for contact in resources["contacts-dispositifs-aide"]["data"]
    ] == contacts
    # Frictionless reads the package as a reuser would, with the national schema embedded
    # (offline) and the contacts' foreign key to the fiches checked.
    resources["dispositifs-aide"]["schema"] = local_schema()
    report = Package(package).validate()
    assert error_lines(report) == []


def test_demo_contacts_are_the_functional_mailboxes_only(client, demo_guide):
    rows = csv_rows(client.get(CONTACTS_URL).content)
    assert rows and {row["type"] for row in rows} == {"service"}
    everything = b"".join(client.get(url).content for url in (CSV_URL, JSON_URL, CONTACTS_URL))
    # The demo's named people have not agreed to be published.
    for email in ("edith.blard@alixio.fr", "jhespel@katalyse.com"):
        assert email.encode() not in everything
    assert b"Edith Blard" not in everything


def test_the_files_answer_partners_as_documented(client, demo_guide):
    for url, content_type, filename in (
        (CSV_URL, "text/csv; charset=utf-8", "dispositifs-aide.csv"),
        (JSON_URL, "application/json", "dispositifs-aide.json"),
        (CONTACTS_URL, "text/csv; charset=utf-8", "contacts-dispositifs-aide.csv"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "no-cache" in response["Cache-Control"]  # always revalidated: cheap 304s
        assert response["Last-Modified"] and response["ETag"]
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == 304
        assert again["Access-Control-Allow-Origin"] == "*"
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
        assert client.get(url, HTTP_IF_NONE_MATCH='"autre"').status_code == 200
    assert client.post(CSV_URL).status_code == 405


def test_the_files_are_built_once_per_version_of_the_data(client, demo_guide):
    def tables_read(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries), " ".join(query["sql"] for query in queries)

    _count, first = tables_read(CSV_URL)
    assert "guide_financialcomponent" in first  # built: every fiche and its lines read
    # Later requests only check the data's version (a few small queries, whatever the number
    # of fiches) and reuse the files.
    for url in (JSON_URL, CONTACTS_URL, CSV_URL):
        count, sql = tables_read(url)
        assert "guide_financialcomponent" not in sql and count <= 14


def test_the_dataset_page(client, demo_guide):
    response = client.get("/donnees/")
    assert response.status_code == 200
    content = response.content.decode()
    assert len(re.findall(r"<h1[ >]", content)) == 1
    assert 'href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"' in content
    assert "Licence Ouverte / Open Licence version 2.0" in content
    for field in national_fields():
        assert f'<th scope="row"><code>{field["name"]}</code></th>' in content
    rows = re.findall(r'<th scope="row">', content)
    assert len(rows) == len(national_fields()) + 10  # and the contacts table's 10 fields
    assert f"<dd>{DEMO_FICHE_COUNT}</dd>" in content
    latest = max(f.last_published_at for f in AidPage.objects.live().descendant_of(demo_guide))
    assert f'datetime="{latest.astimezone(PARIS).isoformat(timespec="seconds")}"' in content
    for url in (CSV_URL, JSON_URL, CONTACTS_URL):
        assert f'href="{url}"' in content
    assert re.search(r"\(CSV, [\d,]+\sKio\)", content)
    assert "export_open_data --output" in content
    assert client.get("/en/donnees/").status_code == 200
    # Linked from every page's footer.
    assert 'href="/donnees/"' in client.get("/").content.decode()


def test_the_command_writes_files_that_pass_validation(demo_guide, tmp_path):
    out = io.StringIO()
    call_command("export_open_data", output=str(tmp_path), validate=True, stdout=out)
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == [
        "contacts-dispositifs-aide.csv",
        "datapackage.json",
        "dispositif-aide-professionnels--schema.json",
        "dispositifs-aide.csv",
        "dispositifs-aide.json",
    ]
    assert f"{DEMO_FICHE_COUNT} fiche(s)" in out.getvalue()
    assert "Fichiers valides" in out.getvalue()
    rows = csv_rows((tmp_path / "dispositifs-aide.csv").read_bytes())
    assert len(rows) == DEMO_FICHE_COUNT
