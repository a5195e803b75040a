"""The import / export page of the admin: menu, download, dry run, confirmation, permissions."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from guide.models import AidPage, AidType
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory
from tests.support.transfer_files import HEADERS, counts, fiche_row, read_csv, read_xlsx, xlsx_of
from transfer.models import StagedImport

pytestmark = pytest.mark.django_db

INDEX_URL = reverse("guide_transfer")
EXPORT_URL = reverse("guide_transfer_export")
IMPORT_URL = reverse("guide_transfer_import")
CONFIRM_URL = reverse("guide_transfer_confirm")


@pytest.fixture
def actors(guide_index):
    operator = OrganisationFactory(name="Initiative Bièvre")
    ContactFactory(name="Edith Blard", organisation=operator, email="edith@example.org")
    return operator


def upload(client, data, name="fiches.xlsx", kind="guide"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), "kind": kind})


def editor_in_group(django_user_model, client, index, permissions):
    user = django_user_model.objects.create_user("redactrice", password="pw")
    group = Group.objects.create(name="Rédaction")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=codename)
        )
    user.groups.add(group)
    client.force_login(user)
    return user


def test_the_page_and_its_entries(editor_client, guide_index):
    response = editor_client.get(INDEX_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Exporter les fiches" in html and "Importer des fiches" in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    home = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert INDEX_URL in home  # the menu item
    listing = editor_client.get(reverse("wagtailadmin_explore", args=[guide_index.pk]))
    assert INDEX_URL in listing.content.decode()  # the guide's header button


def test_export_downloads_xlsx_and_csv_with_filters(editor_client, guide_index):
    loan = AidPageFactory(parent=guide_index, title="Prêt", aid_types=["pret"])
    AidPageFactory(parent=guide_index, title="Subvention")
    response = editor_client.get(EXPORT_URL, {"format": "xlsx", "status": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="fiches-guide-des-aides-' in response["Content-Disposition"]
    _headers, rows = read_xlsx(response.content)
    assert len(rows) == 2
    pret = AidType.objects.get(slug="pret")
    response = editor_client.get(EXPORT_URL, {"format": "csv", "aid_type": pret.pk})
    _headers, rows = read_csv(response.content)
    assert [row["uuid"] for row in rows] == [str(loan.aid_uuid)]
    assert editor_client.get(EXPORT_URL, {"format": "pdf"}).status_code == 200  # form again


def test_dry_run_then_confirm(editor_client, actors, guide_index):
    before = counts()
    response = upload(editor_client, xlsx_of(HEADERS, [fiche_row(), fiche_row(titre="Autre")]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Essai à blanc" in html and "Confirmer l'import" in html
    assert html.count("créée") >= 2
    assert counts() == before
    # Kept in the database, which every app server shares, until the confirmation.
    staged = StagedImport.objects.get()
    assert staged.extension == ".xlsx" and staged.user.username == "editeur"
    ticket = response.context["ticket"]

    response = editor_client.post(CONFIRM_URL, {"ticket": ticket})
    assert response.status_code == 200
    assert "Résultat de l'import" in response.content.decode()
    assert set(AidPage.objects.values_list("title", "live")) == {
        ("Prêt d'honneur Bièvre", False),
        ("Autre", False),
    }
    assert not StagedImport.objects.exists()  # deleted after the import
    # Confirming twice does not import twice.
    response = editor_client.post(CONFIRM_URL, {"ticket": ticket}, follow=True)
    assert "n&#x27;est plus disponible" in response.content.decode()
    assert AidPage.objects.count() == 2


def test_rows_with_errors_show_them_and_offer_no_confirmation(editor_client, actors):
    response = upload(editor_client, xlsx_of(HEADERS, [fiche_row(volet_1_plafond="15 000 €")]))
    html = response.content.decode()
    assert "Ligne 2, colonne volet_1_plafond : « 15 000 € » n&#x27;est pas un nombre." in html
    assert "Confirmer l'import" not in html
    assert not StagedImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.4", "fiche.pdf", "n&#x27;est pas un tableur accepté"),
        (b"pas un classeur", "fiches.xlsx", "Ce fichier .xlsx est illisible"),
        (b"nom;prenom\nA;B\n", "fiches.csv", "n&#x27;a pas les en-têtes attendus"),
    ],
)
def test_invalid_uploads_come_back_to_the_form(editor_client, guide_index, data, name, expected):
    response = upload(editor_client, data, name)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html and "Importer des fiches" in html


def test_too_large_files_are_refused(editor_client, guide_index, settings):
    settings.GUIDE_IMPORT_MAX_BYTES = 50
    response = upload(editor_client, b"uuid,titre\n" + b"x" * 100, "fiches.csv")
    assert "la limite est de 50" in response.content.decode()


def test_a_ticket_is_bound_to_its_user(editor_client, actors, client, django_user_model):
    response = upload(editor_client, xlsx_of(HEADERS, [fiche_row()]))
    ticket = response.context["ticket"]
    other = django_user_model.objects.create_superuser("autre", "autre@example.org", "pw")
    client.force_login(other)
    response = client.post(CONFIRM_URL, {"ticket": ticket}, follow=True)
    assert "n&#x27;est plus disponible" in response.content.decode()
    assert client.post(CONFIRM_URL, {"ticket": "forged"}, follow=True).status_code == 200
    assert not AidPage.objects.exists()


def test_editors_who_cannot_add_fiches_can_only_export(client, django_user_model, guide_index):
    editor_in_group(django_user_model, client, guide_index, ["change_page"])
    html = client.get(INDEX_URL).content.decode()
    assert "Exporter les fiches" in html and "il faut pouvoir créer des fiches" in html
    assert client.get(EXPORT_URL, {"format": "csv"}).status_code == 200
    response = upload(client, xlsx_of(HEADERS, [fiche_row()]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_editors_who_can_add_fiches_can_import(client, django_user_model, guide_index, actors):
    editor_in_group(django_user_model, client, guide_index, ["add_page"])
    response = upload(client, xlsx_of(HEADERS, [fiche_row()]))
    assert "Confirmer l'import" in response.content.decode()


def test_users_without_rights_on_the_guide_are_turned_away(client, django_user_model, guide_index):
    editor_in_group(django_user_model, client, guide_index, [])
    assert client.get(INDEX_URL).url == reverse("wagtailadmin_home")
    assert client.get(EXPORT_URL, {"format": "csv"}).status_code == 302
    assert INDEX_URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_dry_run_older_than_a_day_cannot_be_confirmed_and_is_purged(editor_client, actors):
    response = upload(editor_client, xlsx_of(HEADERS, [fiche_row()]))
    ticket = response.context["ticket"]
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    StagedImport.objects.update(created_at=two_days_ago)
    response = editor_client.post(CONFIRM_URL, {"ticket": ticket}, follow=True)
    assert "n&#x27;est plus disponible" in response.content.decode()
    assert not AidPage.objects.exists()
    # The next dry run forgets it.
    upload(editor_client, xlsx_of(HEADERS, [fiche_row(titre="Autre")]))
    assert not StagedImport.objects.filter(created_at=two_days_ago).exists()
    assert StagedImport.objects.count() == 1


def test_a_staged_import_does_not_empty_the_page_cache(editor_client, actors):
    from core.page_cache import generation

    before = generation()
    upload(editor_client, xlsx_of(HEADERS, [fiche_row()]))
    assert StagedImport.objects.count() == 1
    assert generation() == before


def test_each_territorys_guide_exports_and_imports_its_own_fiches(
    editor_client, actors, guide_index
):
    from tests.support.sites import make_second_site

    second = make_second_site()
    # A shared operator and contact (no territory): both guides may name them.
    type(actors).objects.filter(pk=actors.pk).update(site=None)
    actors.contacts.update(site=None)
    first_fiche = AidPageFactory(parent=guide_index, title="Prêt du premier guide")
    AidPageFactory(parent=second.guide, title="Aide du second guide")
    page = editor_client.get(INDEX_URL, {"guide": second.guide.pk}).content.decode()
    assert "Changer de guide" in page and f'value="{second.guide.pk}" selected' in page

    response = editor_client.get(EXPORT_URL, {"format": "csv", "guide": second.guide.pk})
    titles = [row["titre"] for row in read_csv(response.content)[1]]
    assert titles == ["Aide du second guide"]
    response = editor_client.get(EXPORT_URL, {"format": "csv"})  # the first guide by default
    titles = [row["titre"] for row in read_csv(response.content)[1]]
    assert titles == ["Prêt du premier guide"]

    # A row naming the first guide's fiche, imported into the second guide: refused by line,
    # and nothing changes; a new row goes under the second guide.
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = counts()
    rows = [fiche_row(uuid=str(first_fiche.aid_uuid), titre="Détourné")]
    data = {
        "file": SimpleUploadedFile("f.xlsx", xlsx_of(HEADERS, rows)),
        "kind": "guide",
        "guide": second.guide.pk,
    }
    html = editor_client.post(IMPORT_URL, data).content.decode()
    assert "une fiche d&#x27;un autre guide" in html or "une fiche d'un autre guide" in html
    assert counts() == before
    data = {
        "file": SimpleUploadedFile("f.xlsx", xlsx_of(HEADERS, [fiche_row(titre="Nouvelle 13")])),
        "kind": "guide",
        "guide": second.guide.pk,
    }
    response = editor_client.post(IMPORT_URL, data)
    ticket = response.context["ticket"]
    # The dry run was for the second guide: confirming it for the first is refused.
    refused = editor_client.post(CONFIRM_URL, {"ticket": ticket, "guide": guide_index.pk})
    assert refused.status_code == 302  # Wagtail turns PermissionDenied into a redirect
    assert not AidPage.objects.filter(title="Nouvelle 13").exists()
    editor_client.post(CONFIRM_URL, {"ticket": ticket, "guide": second.guide.pk})
    assert AidPage.objects.get(title="Nouvelle 13").get_parent().pk == second.guide.pk
    # A programme of the first territory cannot finance a fiche of the second.
    from wagtail.models import Site

    from guide.models import FundingProgramme

    FundingProgramme.objects.create(
        name="Convention du premier", kind="autre", site=Site.objects.get(is_default_site=True)
    )
    data = {
        "file": SimpleUploadedFile(
            "f.xlsx",
            xlsx_of(HEADERS, [fiche_row(titre="Autre 13", programme="Convention du premier")]),
        ),
        "kind": "guide",
        "guide": second.guide.pk,
    }
    html = editor_client.post(IMPORT_URL, data).content.decode()
    assert "n&#x27;est pas un programme de financement du guide" in html
    # A guide that does not exist (a stale form): nothing is guessed.
    assert editor_client.get(EXPORT_URL, {"format": "csv", "guide": "999999"}).status_code == 404
