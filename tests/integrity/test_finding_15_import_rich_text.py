"""Finding 15: malformed rich text in an import cell (``<p><img src=x></p>``, and other odd
HTML) raised an uncaught error (a 500); it must be a cell error naming the line and column, and
the import changes nothing.

Wagtail's rich-text converter asserts that end tags pair with the last open element (and knows
no void element, so ``<br>`` or ``<img ...>`` without ``/>`` stays open), and raises KeyError or
ValueError on a page link without a usable id. The cell is now converted when it is read, and a
refusal is an error of its row. Driven through the admin's import page, as an editor uploads.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guide.models import AidPage
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory
from tests.support.transfer_files import HEADERS, counts, csv_of, fiche_row, xlsx_of
from transfer.models import StagedImport

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("guide_transfer_import")
CONFIRM = "Confirmer l'import"


@pytest.fixture
def actors(guide_index):
    operator = OrganisationFactory(name="Initiative Bièvre")
    ContactFactory(name="Edith Blard", organisation=operator, email="edith@example.org")
    return operator


def upload(client, data, name="fiches.xlsx"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), "kind": "guide"})


def row_errors(response):
    return [str(message) for row in response.context["report"].rows for message in row.errors]


UNREADABLE = "n'est pas un texte enrichi lisible"


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<p><img src=x></p>", "la balise <img> n'est pas refermée avant </p>."),
        ("<p>Une ligne<br>puis une autre</p>", "la balise <br> n'est pas refermée avant </p>."),
        ("<p><b>gras</p>", "la balise <b> n'est pas refermée avant </p>."),
        ("<li>hors d'une liste</li>", "que chaque <li> est dans une liste <ul> ou <ol>"),
        ('<p><a linktype="page">lien</a></p>', "qu'un lien vers une page porte son numéro"),
        ('<p><a linktype="page" id="douze">lien</a></p>', "qu'un lien vers une page porte"),
    ],
)
def test_odd_rich_text_is_an_error_of_its_line_and_column(editor_client, actors, html, problem):
    before = counts()
    response = upload(editor_client, xlsx_of(HEADERS, [fiche_row(), fiche_row(description=html)]))

    assert response.status_code == 200
    errors = row_errors(response)
    assert len(errors) == 1
    assert errors[0].startswith(f"Ligne 3, colonne description : « {html} » {UNREADABLE} : ")
    assert problem in errors[0]
    page = response.content.decode()
    assert "Ligne 3, colonne description" in page and CONFIRM not in page
    assert counts() == before and not StagedImport.objects.exists()


def test_a_void_tag_left_open_says_how_to_close_it(editor_client, actors):
    response = upload(editor_client, xlsx_of(HEADERS, [fiche_row(description="<p>a<br>b</p>")]))

    assert "écrivez <br/> et non <br>" in row_errors(response)[0]


def test_an_update_with_odd_rich_text_leaves_the_fiche_as_it_was(
    editor_client, actors, guide_index
):
    fiche = AidPageFactory(parent=guide_index, title="Prêt d'honneur Bièvre")
    stored = fiche.how_to_apply
    before = counts()
    row = fiche_row(uuid=str(fiche.aid_uuid), comment_en_beneficier="<p><img src=x></p>")
    response = upload(editor_client, csv_of(HEADERS, [row]), "fiches.csv")

    assert response.status_code == 200
    assert row_errors(response)[0].startswith(
        f"Ligne 2, colonne comment_en_beneficier : « <p><img src=x></p> » {UNREADABLE}"
    )
    assert counts() == before and not StagedImport.objects.exists()
    assert AidPage.objects.get(pk=fiche.pk).how_to_apply == stored


def test_well_formed_rich_text_is_still_imported(editor_client, actors):
    description = "<p>Un <b>prêt</b> d'honneur<br/>sans intérêts.</p><ul><li>Créateurs</li></ul>"
    response = upload(editor_client, xlsx_of(HEADERS, [fiche_row(description=description)]))

    assert row_errors(response) == []
    assert CONFIRM in response.content.decode()
