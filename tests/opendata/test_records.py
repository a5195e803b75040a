"""The open data's rules on small guides: which fiches, which contacts, how fields are written,
when the files change, and the command's validation."""

import csv
import io
import json
import sys

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from frictionless import Resource, Schema
from wagtail.models import Locale, PageViewRestriction

from guide.models import (
    AidContact,
    AidPage,
    Audience,
    CompanySize,
    Contact,
    FinancialComponent,
    Sector,
)
from opendata.cases import flattened, flattened_maximum, flattened_minimum
from opendata.schema import SCHEMA_FILE
from opendata.text import join_sections, rich_text_to_plain, shorten
from tests.support.cases import add_case
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CSV_URL = "/donnees/dispositifs-aide.csv"
JSON_URL = "/donnees/dispositifs-aide.json"
CONTACTS_URL = "/donnees/contacts-dispositifs-aide.csv"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def published(page):
    """As an editor publishes: a revision, then its publication (sets last_published_at)."""
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def fiche(guide_index, **kwargs):
    return published(AidPageFactory(parent=guide_index, **kwargs))


def rows_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))


def national_errors(content):
    schema = Schema.from_descriptor(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    report = Resource(data=content, format="csv", schema=schema).validate()
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


# Which fiches ----------------------------------------------------------------------------------


def test_only_published_public_french_fiches_are_exported(client, guide):
    home, index = guide
    shown = fiche(index, title="Aide publiée")
    AidPageFactory(parent=index, title="Aide en brouillon", live=False)
    withdrawn = fiche(index, title="Aide retirée")
    withdrawn.unpublish()
    restricted = fiche(index, title="Aide réservée")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    # Unpublished changes of a published fiche stay out of the data.
    shown.title = "Titre pas encore publié"
    shown.save_revision()
    # An English translation shares the national id: only the French fiche is exported.
    english = Locale.objects.create(language_code="en")
    for page in (home, index):
        page.copy_for_translation(english, copy_parents=False).save_revision().publish()
    translated = AidPage.objects.get(pk=shown.pk).copy_for_translation(english)
    translated.title = "Published aid"
    translated.save_revision().publish()

    content = client.get(CSV_URL).content
    rows = rows_of(client, CSV_URL)
    assert [(row["id"], row["titre"]) for row in rows] == [(str(shown.aid_uuid), "Aide publiée")]
    assert national_errors(content) == []
    # The English address serves the same (French) data.
    assert client.get(f"/en{CSV_URL}").content == content


# Contacts and personal data --------------------------------------------------------------------


def test_contacts_are_published_only_for_mailboxes_and_consenting_people(client, guide_index):
    aid = fiche(guide_index, with_contact=False)
    mailbox = ContactFactory(
        kind=Contact.Kind.MAILBOX, name="Service entreprises", email="entreprises@exemple.example"
    )
    agreed = ContactFactory(
        name="Edith Blard",
        role="Chargée de mission",
        email="edith.blard@exemple.example",
        phone="+33619918462",
        publication_consent=True,
    )
    refused = ContactFactory(name="Jean Hespel", email="jean.hespel@exemple.example")
    for contact in (refused, mailbox, agreed):
        AidContact.objects.create(page=aid, contact=contact, referral_note="De la part du GOSB")

    rows = rows_of(client, CONTACTS_URL)
    assert [(row["rang"], row["type"], row["nom"]) for row in rows] == [
        ("1", "service", "Service entreprises"),
        ("2", "personne", "Edith Blard"),
    ]
    person = rows[1]
    assert person["id_dispositif"] == str(aid.aid_uuid)
    assert person["email"] == "edith.blard@exemple.example"
    assert person["telephone"] == "+33619918462"
    assert person["fonction"] == "Chargée de mission"
    assert person["organisation"] == agreed.organisation.name
    assert person["note_recommandation"] == "De la part du GOSB"
    everything = b"".join(client.get(url).content for url in (CSV_URL, JSON_URL, CONTACTS_URL))
    assert b"jean.hespel@exemple.example" not in everything
    assert b"Jean Hespel" not in everything
    package = json.loads(client.get(JSON_URL).content)
    contacts = next(r for r in package["resources"] if r["name"] == "contacts-dispositifs-aide")
    assert [row["nom"] for row in contacts["data"]] == ["Service entreprises", "Edith Blard"]


def test_a_withdrawn_consent_leaves_the_files_at_once(client, guide_index):
    aid = fiche(guide_index, with_contact=False)
    person = ContactFactory(name="Camille Martin", publication_consent=True)
    AidContact.objects.create(page=aid, contact=person, referral_note="De la part du GOSB")
    first = client.get(CONTACTS_URL)
    assert b"Camille Martin" in first.content

    # No fiche is published again: the contact alone changes.
    person.publication_consent = False
    person.save()
    again = client.get(CONTACTS_URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert b"Camille Martin" not in again.content
    assert again["ETag"] != first["ETag"]


# Fields ---------------------------------------------------------------------------------------


def test_classification_fields(client, guide_index):
    operator = OrganisationFactory(name="Grand-Orly Seine Bièvre", siren="200 058 014")
    funder = OrganisationFactory(name="Département du Val-de-Marne")
    aid = AidPageFactory(
        parent=guide_index,
        operator=operator,
        aid_types=["subvention", "pret", "accompagnement"],
        territories=["COM-94081", "REG-11", "DEP-94"],
        staff_min=0,
        staff_max=49,
    )
    aid.funders.set([operator, funder])
    aid.audiences.set(Audience.objects.filter(slug__in=["ess", "tpe"]))
    aid.company_sizes.set(CompanySize.objects.filter(code__in=["PME", "MIC"]))
    aid.sectors.set(Sector.objects.filter(slug__in=["numerique", "industrie"]))
    aid = published(aid)

    (row,) = rows_of(client, CSV_URL)
    assert row["types_aides"] == "conseil|financement|prêt"
    assert row["eligibilite_geographique"] == "REG-11|DEP-94|COM-94081"
    assert row["cibles"] == "professionnels|associations"  # the ESS audience
    assert row["eligibilite_categorie_taille_entreprise"] == "MIC|PME"
    assert row["ciblage_secteur_activite"] == "Industrie|Numérique"
    assert row["eligibilite_effectif_minimal"] == "0"
    assert row["eligibilite_effectif_maximal"] == "49"
    assert json.loads(row["porteurs"]) == [
        {
            "nom": "Grand-Orly Seine Bièvre",
            "siren": "200058014",
            "roles": ["instructeur", "financeur"],
        },
        {"nom": "Département du Val-de-Marne", "siren": None, "roles": ["financeur"]},
    ]
    assert row["url_source"] == aid.get_full_url()
    assert national_errors(client.get(CSV_URL).content) == []


def test_cases_are_flattened_into_the_schema_fields_and_said_in_eligibilite(client, guide_index):
    """The fiche says nothing of audiences, sizes, sectors nor territories: each case does."""
    aid = AidPageFactory(
        parent=guide_index,
        aid_types=["subvention"],
        territories=[],
        staff_max=249,
        eligibility="Projet créateur d'emplois",
    )
    add_case(
        aid,
        territories_cog=["DEP-94"],
        audiences=["pme"],
        company_sizes=["pme"],
        sectors=["commerce"],
        staff_min=10,
        min_years_in_business=3,
    )
    add_case(
        aid,
        territories_cog=["COM-91027"],
        audiences=["ess"],
        company_sizes=["mic"],
        sectors=["industrie"],
        staff_min=0,
        staff_max=300,
        min_years_in_business=1,
        establishment="implantee-ou-en-cours",
    )
    FinancialComponent.objects.create(
        page=aid,
        aid_type=aid.aid_types.get(),
        label="Prime à l'emploi",
        amount=3000,
        unit=FinancialComponent.Unit.PER_JOB_CREATED,
        unit_share_count=1,
        unit_share_total=2,
        audience=Audience.objects.get(slug="ess"),
        sector=Sector.objects.get(slug="industrie"),
    )
    published(aid)

    (row,) = rows_of(client, CSV_URL)
    # The union of the cases' values, where the fiche's own say nothing.
    assert row["eligibilite_geographique"] == "DEP-94|COM-91027"
    assert row["cibles"] == "professionnels|associations"  # the second case's ESS
    assert row["eligibilite_categorie_taille_entreprise"] == "MIC|PME"
    assert row["ciblage_secteur_activite"] == "Industrie|Commerce"  # in the sectors' order
    # The smallest of the cases' minimums; the fiche's own maximum, narrower than the cases'.
    assert row["eligibilite_effectif_minimal"] == "0"
    assert row["eligibilite_effectif_maximal"] == "249"
    assert row["eligibilite_annees_existence_minimal"] == "1"
    lines = row["eligibilite"].split("\n")
    assert lines[0] == "• Projet créateur d'emplois"
    assert lines[1].startswith("L'éligibilité diffère selon les cas")
    assert lines[2].startswith("• Dans le Val-de-Marne (94) : PME")
    assert lines[3].startswith("• À Athis-Mons, pour une entreprise implantée ou en cours")
    assert "Structures de l'ESS" in lines[3] and len(lines) == 4
    assert (
        "• Prime à l'emploi (Structures de l'ESS et associations, Industrie uniquement) : "
        "3 000 € par emploi créé, au plus 1 emploi créé sur 2" in row["description"]
    )
    assert national_errors(client.get(CSV_URL).content) == []


def test_flattening_keeps_every_business_a_case_lets_in():
    assert flattened(["DEP-94", "DEP-91"], [["DEP-94"], ["DEP-91"]]) == ["DEP-94", "DEP-91"]
    assert flattened([], [["pme", "pmi"], ["pmi"]]) == ["pme", "pmi"]
    assert flattened([], [["pmi"], []]) == []  # a case open to every audience
    assert flattened([], []) == []
    assert flattened_minimum(None, [10, 0]) == 0
    assert flattened_minimum(5, [10, 20]) == 10
    assert flattened_minimum(5, [10, None]) == 5  # a case without minimum
    assert flattened_minimum(None, []) is None
    assert flattened_maximum(None, [49, 249]) == 249
    assert flattened_maximum(100, [49, 249]) == 100
    assert flattened_maximum(None, [49, None]) is None


def test_the_description_keeps_the_amounts_within_the_schema_limit(client, guide_index):
    aid = AidPageFactory(
        parent=guide_index,
        description="<p>" + "Une longue description du dispositif. " * 200 + "</p>",
        how_to_apply="<ol><li>Appelez</li><li>Déposez le dossier</li></ol>",
        application_url="https://exemple.example/demande",
        aid_types=["subvention"],
    )
    FinancialComponent.objects.create(
        page=aid, aid_type=aid.aid_types.get(), label="Subvention", amount=5000, ceiling=25000
    )
    published(aid)
    (row,) = rows_of(client, CSV_URL)
    description = row["description"]
    assert len(description) <= 5000
    assert "…" in description  # the prose was shortened...
    assert "• Subvention : 5 000 €, plafond 25 000 €" in description  # ...not the amounts
    assert "Comment demander :\n1. Appelez\n2. Déposez le dossier" in description
    assert description.endswith("Déposer une demande : https://exemple.example/demande")
    assert national_errors(client.get(CSV_URL).content) == []


def test_covered_expenses_examples_and_how_to_apply_are_said_in_the_description(
    client, guide_index
):
    """The national schema has no field for them: they follow the amounts, in this order,
    each line a bullet; the call checklist only when the fiche has its own."""
    fiche(
        guide_index,
        title="Modernisation",
        description="<p>Une subvention pour moderniser l'atelier.</p>",
        covered_expenses="Matériel et équipements (four, machine)\n\n  Travaux | du local  ",
        project_examples="Une boulangerie qui remplace son four",
        how_to_apply="<ol><li>Appelez</li><li>Déposez le dossier</li></ol>",
        call_checklist="Votre numéro SIRET\nLe devis, non signé",
        application_url="https://exemple.example/demande",
    )
    fiche(guide_index, title="Sans liste", description="<p>Un prêt.</p>")
    rows = {row["titre"]: row for row in rows_of(client, CSV_URL)}
    description = rows["Modernisation"]["description"]
    expected = [
        "Une subvention pour moderniser l'atelier.",
        "Dépenses couvertes :\n• Matériel et équipements (four, machine)\n• Travaux | du local",
        "Exemples de projets :\n• Une boulangerie qui remplace son four",
        "Comment demander :\n1. Appelez\n2. Déposez le dossier",
        "À préparer avant d'appeler :\n• Votre numéro SIRET\n• Le devis, non signé",
        "Déposer une demande : https://exemple.example/demande",
    ]
    positions = [description.index(part) for part in expected]
    assert positions == sorted(positions)
    # The guide's default list says nothing of this aid: not in the data.
    assert rows["Sans liste"]["description"] == "Un prêt."
    assert national_errors(client.get(CSV_URL).content) == []


def test_a_long_description_gives_way_to_the_covered_expenses(client, guide_index):
    fiche(
        guide_index,
        description="<p>" + "Une longue description du dispositif. " * 200 + "</p>",
        covered_expenses="Matériel et équipements",
        project_examples="Un exemple de projet assez long. " * 60,
    )
    (row,) = rows_of(client, CSV_URL)
    description = row["description"]
    assert len(description) <= 5000
    assert "Dépenses couvertes :\n• Matériel et équipements" in description
    assert national_errors(client.get(CSV_URL).content) == []


def test_rich_text_becomes_readable_plain_text():
    html = (
        '<h3 data-block-key="a">Pour qui</h3><p data-block-key="b">Les <b>PME</b> &amp; '
        'les <a href="https://exemple.example/">artisans</a>.<br/>Voir aussi '
        '<a linktype="page" id="3">la fiche</a>.</p>'
        "<ul><li>Premier point</li><li>Second\u00a0point</li></ul>"
        "<ol><li>Appelez</li><li>Écrivez</li></ol>"
    )
    assert rich_text_to_plain(html) == (
        "Pour qui\n\n"
        "Les PME & les artisans (https://exemple.example/).\nVoir aussi la fiche.\n\n"
        "• Premier point\n• Second point\n\n"
        "1. Appelez\n2. Écrivez"
    )
    assert rich_text_to_plain("") == ""


def test_shortening_cuts_at_a_word_and_keeps_fixed_sections():
    assert shorten("Un deux trois quatre", 12) == "Un deux…"
    assert shorten("court", 10) == "court"
    text = join_sections([("Prose " * 20, True), ("Montants fixes", False), ("Fin", True)], 60)
    assert len(text) <= 60 and text.endswith("\n\nMontants fixes\n\nFin") and "…" in text


# When the files change ----------------------------------------------------------------------------


def test_a_new_publication_changes_the_version(client, guide_index):
    fiche(guide_index, title="Première aide")
    first = client.get(CSV_URL)
    assert client.get(CSV_URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    fiche(guide_index, title="Seconde aide")
    again = client.get(CSV_URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert b"Seconde aide" in again.content
    assert again["ETag"] != first["ETag"]


def test_an_unpublished_fiche_changes_the_version(client, guide_index):
    kept = fiche(guide_index, title="Aide gardée")
    gone = fiche(guide_index, title="Aide retirée")
    first = client.get(CSV_URL)
    assert b"Aide retir" in first.content
    gone.unpublish()
    again = client.get(CSV_URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert b"Aide retir" not in again.content and kept.title.encode() in again.content


def test_building_the_files_costs_the_same_queries_whatever_the_number_of_fiches(
    client, guide_index
):
    def queries_to_build():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CSV_URL).status_code == 200
        return len(queries)

    def add_fiche():
        aid = AidPageFactory(parent=guide_index, aid_types=["pret"])
        FinancialComponent.objects.create(page=aid, aid_type=aid.aid_types.get(), amount=1000)
        aid.funders.set([OrganisationFactory()])
        for territory in ("DEP-94", "DEP-91"):  # two cases, each with its vocabularies
            add_case(
                aid,
                territories_cog=[territory],
                audiences=["pmi"],
                company_sizes=["pme"],
                sectors=["industrie"],
                project_stages=["recrutement"],
            )
        published(aid)

    add_fiche()
    queries_to_build()  # the first request also creates the guide's settings row
    one = queries_to_build()
    for _ in range(3):
        add_fiche()
    assert queries_to_build() == one


# The command ----------------------------------------------------------------------------------


def test_the_command_fails_on_a_file_the_schema_rejects(guide_index, tmp_path):
    fiche(guide_index, aid_types=[])  # no aid type: ``types_aides`` is required
    err = io.StringIO()
    with pytest.raises(CommandError, match="erreur\\(s\\) de validation"):
        call_command("export_open_data", output=str(tmp_path), validate=True, stderr=err)
    assert "types_aides" in err.getvalue()


def test_the_command_explains_a_missing_frictionless(guide_index, tmp_path, monkeypatch):
    fiche(guide_index)
    monkeypatch.setitem(sys.modules, "frictionless", None)  # as if not installed
    with pytest.raises(CommandError, match="frictionless"):
        call_command("export_open_data", output=str(tmp_path), validate=True, stdout=io.StringIO())
    # Without --validate, frictionless is not needed.
    call_command("export_open_data", output=str(tmp_path), stdout=io.StringIO())
    assert (tmp_path / "dispositifs-aide.csv").exists()


def test_no_site_no_export(db, tmp_path):
    from wagtail.models import Site

    Site.objects.all().delete()
    with pytest.raises(CommandError, match="Aucun site"):
        call_command("export_open_data", output=str(tmp_path), stdout=io.StringIO())
