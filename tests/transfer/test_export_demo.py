"""The export of the demo guide: every column of its fiches in XLSX and CSV, their latest
revisions, the filters and the command (the demo guide's part of tests/transfer/test_export.py)."""

import datetime
import io

import pytest
from django.core.management import call_command

from demo.loader import demo_uuid
from guide.models import AidPage, AidType
from tests.support.transfer_files import export_bytes, read_csv, read_xlsx
from tests.transfer.test_export import row_for, row_for_uuid
from transfer.columns import FICHE_COLUMNS
from transfer.export import Export, filtered_fiches

ALIXIO = "alixio-pme-pmi-val-de-marne-essonne"


@pytest.mark.django_db
def test_xlsx_export_of_the_demo_guide(demo_guide):
    headers, rows = read_xlsx(export_bytes("xlsx"))
    assert headers[:4] == ["uuid", "titre", "slug", "promesse"]
    first_guide = AidPage.objects.filter(locale__language_code="fr").descendant_of(demo_guide)
    assert len(rows) == first_guide.count() == 32
    alixio = row_for(rows, ALIXIO)
    assert alixio["titre"].startswith("Alixio")
    assert alixio["types_aide"] == "subvention | pret"
    assert alixio["territoires"] == "DEP-91 | DEP-94"
    assert "PME" in alixio["categories_entreprise"].split(" | ")
    page = AidPage.objects.get(aid_uuid=demo_uuid(ALIXIO), locale__language_code="fr")
    assert alixio["recurrence"] == page.recurrence  # its stable code
    assert alixio["mise_en_avant"] == "oui"
    assert alixio["description"].startswith("Le cabinet Alixio")  # readable text, not HTML
    # Numbers are number cells, units and natures their stable codes.
    assert alixio["volet_1_nature"] == "pret"
    assert alixio["volet_1_montant"] == 15000
    assert alixio["volet_1_unite"] == "emploi_cree"
    assert alixio["volet_1_taux"] == 0
    assert alixio["volet_1_duree_mois"] == 60
    assert alixio["volet_1_plafond"] == 225000
    assert alixio["volet_1_conditions"].split("\n")[0] == "Sans caution personnelle"
    # « au plus un emploi sur trois »: a share of the units, not of the money.
    assert (alixio["volet_2_unites_aidees"], alixio["volet_2_unites_sur"]) == (1, 3)
    assert alixio["volet_2_part_max"] is None
    assert alixio["volet_3_territoire"] == "DEP-91"
    assert alixio["volet_3_public"] is None and alixio["volet_3_secteur"] is None
    assert alixio["emplois_crees_min"] == 3
    # Its two eligibility cases, one group of columns each: as many groups as the fiche with
    # the most cases needs.
    assert "cas_2_territoires" in headers and "cas_3_territoires" not in headers
    assert alixio["cas_1_territoires"] == "DEP-94"
    assert {"pme", "pmi"} <= set(alixio["cas_1_publics"].split(" | "))
    assert not alixio["cas_1_implantation"]
    assert alixio["cas_2_territoires"] == "DEP-91"
    assert alixio["cas_2_publics"] == "pmi"
    assert alixio["cas_2_implantation"] == "implantee-ou-en-cours"
    assert alixio["cas_2_effectif_max"] is None and not alixio["cas_2_secteurs"]
    assert alixio["contact_1_nom"] and alixio["contact_1_organisation"] == "Alixio"
    assert alixio["contact_1_note"] == "À contacter de la part du Grand-Orly Seine Bièvre"
    checked = next(row for row in rows if row["verifiee_le"])  # a seed fiche may have none
    assert isinstance(checked["verifiee_le"], datetime.datetime)  # a date cell
    assert alixio["statut_publication"] == "publiée"
    assert alixio["url"].endswith("/aides/alixio-pme-pmi-val-de-marne-essonne/")
    # The legend sheet explains every column once (numbered groups as « Volet N · … »), with
    # the short name the import accepts too.
    legend_headers, legend = read_xlsx(export_bytes("xlsx"), sheet="Colonnes")
    documented = {row["colonne"] for row in legend}
    assert {
        "Identifiant (uuid)",
        "Cas N · territoires",
        "Volet N · plafond (€)",
        "Contact N · note",
    } <= documented
    short = {row["nom court (accepté)"] for row in legend}
    assert {
        "uuid",
        "cas_N_implantation",
        "volet_N_plafond",
        "contact_N_note",
        "statut_publication",
    } <= short


@pytest.mark.django_db
def test_csv_export_is_utf8_with_bom_dot_decimals_and_iso_dates(demo_guide):
    data = export_bytes("csv")
    assert data.startswith(b"\xef\xbb\xbf")
    headers, rows = read_csv(data)
    alixio = row_for(rows, ALIXIO)
    assert (alixio["volet_2_unites_aidees"], alixio["volet_2_unites_sur"]) == ("1", "3")
    assert alixio["volet_1_plafond"] == "225000"
    assert alixio["cas_2_publics"] == "pmi"
    checked = AidPage.objects.filter(last_verified__isnull=False, locale__language_code="fr")
    checked = checked.descendant_of(demo_guide).first()
    assert row_for_uuid(rows, checked.aid_uuid)["verifiee_le"] == checked.last_verified.isoformat()
    several = next(
        fiche
        for fiche in AidPage.objects.filter(locale__language_code="fr").descendant_of(demo_guide)
        if len(fiche.specific.eligibility_lines()) > 1
    ).specific
    lines = row_for_uuid(rows, several.aid_uuid)["eligibilite"].split("\n")
    assert lines == several.eligibility_lines()  # one condition per line, kept
    assert alixio["mise_en_avant"] == "oui"
    assert set(headers) >= {column.header for column in FICHE_COLUMNS}


@pytest.mark.django_db
def test_a_fiche_with_unpublished_changes_is_exported_as_its_latest_revision(demo_guide):
    page = AidPage.objects.get(aid_uuid=demo_uuid(ALIXIO), locale__language_code="fr").specific
    draft = page.get_latest_revision_as_object()
    draft.promesse = "Financez vos emplois, version en cours de relecture"
    draft.save_revision()
    _headers, rows = read_xlsx(export_bytes("xlsx"))
    alixio = row_for(rows, ALIXIO)
    assert alixio["promesse"] == "Financez vos emplois, version en cours de relecture"
    assert alixio["statut_publication"] == "publiée, modifications en attente"
    page.refresh_from_db()
    assert page.promesse != alixio["promesse"]  # the live page is untouched


@pytest.mark.django_db
def test_filters_by_status_and_aid_type(demo_guide):
    pret = AidType.objects.get(slug="pret")
    loans = Export(filtered_fiches(aid_type=pret))
    assert loans.items and all(
        pret.pk in content.values["aid_types"] for _page, content in loans.items
    )
    closed = Export(filtered_fiches(status="cloture"))
    katalyse = demo_uuid("katalyse-pmi-val-de-marne")  # closed since 31 December 2023
    assert katalyse in {page.aid_uuid for page, _content in closed.items}
    opened = Export(filtered_fiches(status="ouvert"))
    assert katalyse not in {page.aid_uuid for page, _content in opened.items}
    assert len(opened.items) + len(closed.items) <= 32


@pytest.mark.django_db
def test_export_fiches_command(demo_guide, tmp_path):
    target = tmp_path / "fiches.csv"
    out = io.StringIO()
    call_command("export_fiches", str(target), "--type", "pret", stdout=out)
    _headers, rows = read_csv(target.read_bytes())
    assert rows and all("pret" in row["types_aide"].split(" | ") for row in rows)
    assert f"{len(rows)} fiche(s) exportée(s)" in out.getvalue()
