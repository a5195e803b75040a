"""Organisations, contacts and vocabularies in the admin: list, search, filter, export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Site

from guide.models import Contact
from tests.support.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def site_pk():
    return Site.objects.get(is_default_site=True).pk


def snippet_url(model_name, view="list"):
    return reverse(f"wagtailsnippets_guide_{model_name}:{view}")


def test_contacts_list_search_and_filter(editor_client):
    alixio = OrganisationFactory(name="Alixio")
    ContactFactory(name="Edith Blard", organisation=alixio, email="edith.blard@alixio.fr")
    ContactFactory(name="Jean Hespel", email="jhespel@katalyse.com")
    response = editor_client.get(snippet_url("contact"), {"q": "Blard"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Edith Blard" in content and "Jean Hespel" not in content
    response = editor_client.get(snippet_url("contact"), {"organisation": alixio.pk})
    content = response.content.decode()
    assert "Edith Blard" in content and "Jean Hespel" not in content


def test_contacts_export_csv_and_xlsx(editor_client):
    ContactFactory(name="Edith Blard", email="edith.blard@alixio.fr", phone="+33619918462")
    response = editor_client.get(snippet_url("contact"), {"export": "csv"})
    assert response.status_code == 200
    csv_text = b"".join(response.streaming_content).decode("utf-8")
    assert "edith.blard@alixio.fr" in csv_text and "+33619918462" in csv_text
    response = editor_client.get(snippet_url("contact"), {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert any("Edith Blard" in row for row in rows)


def test_territories_and_vocabularies_are_browsable(editor_client):
    response = editor_client.get(snippet_url("territory"), {"q": "Vitry"})
    assert "Vitry-sur-Seine" in response.content.decode()
    response = editor_client.get(snippet_url("aidtype"))
    assert "Avance remboursable" in response.content.decode()


def test_creating_a_contact_normalises_its_phone(editor_client):
    organisation = OrganisationFactory()
    response = editor_client.post(
        snippet_url("contact", "add"),
        {
            "site": organisation.site_id,
            "kind": "personne",
            "name": "Edith Blard",
            "organisation": organisation.pk,
            "role": "",
            "email": "edith.blard@alixio.fr",
            "phone": "06.19.91.84.62",
        },
    )
    assert response.status_code == 302
    assert Contact.objects.get(name="Edith Blard").phone == "+33619918462"


def test_an_invalid_contact_keeps_what_was_typed(editor_client):
    organisation = OrganisationFactory()
    response = editor_client.post(
        snippet_url("contact", "add"),
        {
            "site": organisation.site_id,
            "kind": "personne",
            "name": "Edith Blard",
            "organisation": organisation.pk,
            "email": "edith.blard@alixio.fr",
            "phone": "12",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "n&#x27;est pas un numéro de téléphone valide" in content
    assert "edith.blard@alixio.fr" in content
    assert not Contact.objects.exists()


def test_organisation_siren_is_checked(editor_client):
    response = editor_client.post(
        snippet_url("organisation", "add"),
        {"site": site_pk(), "name": "GOSB", "siren": "200058015"},
    )
    assert response.status_code == 200
    assert "clé de contrôle" in response.content.decode()
    response = editor_client.post(
        snippet_url("organisation", "add"),
        {"site": site_pk(), "name": "GOSB", "siren": "200 058 014"},
    )
    assert response.status_code == 302


def test_editors_manage_synonyms_and_search_uses_them(editor_client):
    from search.models import SynonymGroup
    from search.query import parse_query

    url = reverse("wagtailsnippets_site_search_synonymgroup:add")
    response = editor_client.post(url, {"terms": "seul", "note": ""})
    assert response.status_code == 200 and "au moins deux termes" in response.content.decode()
    response = editor_client.post(url, {"terms": "triporteur, vélo cargo", "note": "Mobilité"})
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(note="Mobilité").exists()
    assert ("velo", "cargo") in parse_query("triporteur").concepts[0].alternatives
