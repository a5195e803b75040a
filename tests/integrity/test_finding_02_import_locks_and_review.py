"""Finding 2 (medium): the import bypassed locks and review.

Its write step ignored page locks, the workflow lock of a fiche under review and per-page edit
rights: a Rédacteur's import wrote a revision on a fiche under review, and the Valideur's
approval then published the imported text. Now the dry run reports such rows as errors
(« verrouillée », « en cours de relecture », « pas le droit de modifier ») and nothing is
written. Driven through the admin: the fiche submitted and locked in the admin's views, the file
uploaded to the import page.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState

from guide.models import AidPage
from guide.roles import EDITORS, REVIEWERS, role_group
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory
from tests.support.transfer_files import HEADERS, fiche_row, xlsx_of
from transfer.models import StagedImport

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("guide_transfer_import")
REVIEWED_TITLE = "Prêt d'honneur Bièvre"
IMPORTED_TITLE = "Titre glissé par l'import"


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@exemple.example", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def people(django_user_model):
    return {
        "redacteur": member(django_user_model, "redacteur", role_group(EDITORS)),
        "valideur": member(django_user_model, "valideur", role_group(REVIEWERS)),
    }


@pytest.fixture
def actors(guide_index):
    """The operator and contact the import file's row names (``fiche_row``)."""
    operator = OrganisationFactory(name="Initiative Bièvre")
    return operator, ContactFactory(name="Edith Blard", organisation=operator)


@pytest.fixture
def fiche(guide_index, actors):
    operator, contact = actors
    page = AidPageFactory(
        parent=guide_index, title=REVIEWED_TITLE, slug="pret-honneur-bievre", operator=operator
    )
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def import_row(client, fiche):
    data = xlsx_of(HEADERS, [fiche_row(uuid=str(fiche.aid_uuid), titre=IMPORTED_TITLE)])
    response = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("fiches.xlsx", data), "kind": "guide"}
    )
    assert response.status_code == 200
    return response.content.decode()


def latest_title(fiche):
    return AidPage.objects.get(pk=fiche.pk).get_latest_revision_as_object().title


def assert_refused(html, fiche, expected):
    assert expected in html, html
    assert "Ligne 2, colonne uuid" in html
    assert "Confirmer l'import" not in html
    assert not StagedImport.objects.exists()  # nothing kept to confirm
    assert latest_title(fiche) != IMPORTED_TITLE


def test_a_fiche_under_review_is_not_imported_and_the_approval_publishes_the_reviewed_text(
    client, people, fiche, actors
):
    operator, contact = actors
    client.force_login(people["redacteur"])
    data = fiche_form_data(operator, contact, title=REVIEWED_TITLE, slug=fiche.slug)
    data["action-submit"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[fiche.pk]), data)
    state = WorkflowState.objects.get(object_id=str(fiche.pk), status="in_progress")

    html = import_row(client, fiche)
    assert_refused(html, fiche, "en cours de relecture")

    client.force_login(people["valideur"])
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[fiche.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})
    published = AidPage.objects.get(pk=fiche.pk)
    assert published.title == REVIEWED_TITLE


def test_a_fiche_locked_by_someone_else_is_not_imported(client, people, fiche):
    client.force_login(people["valideur"])
    assert client.post(reverse("wagtailadmin_pages:lock", args=[fiche.pk])).status_code == 302
    assert AidPage.objects.get(pk=fiche.pk).locked

    client.force_login(people["redacteur"])
    assert_refused(import_row(client, fiche), fiche, "fiche verrouillée par valideur")


def test_a_fiche_the_user_may_not_edit_is_not_imported(
    client, django_user_model, fiche, guide_index
):
    # « add » alone on the guide: Wagtail lets that user edit the fiches they own, not others'.
    group = Group.objects.create(name="Contributeurs")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=guide_index, permission=Permission.objects.get(codename="add_page")
    )
    client.force_login(member(django_user_model, "contributeur", group))
    assert_refused(import_row(client, fiche), fiche, "pas le droit de modifier cette fiche")


def test_the_same_row_is_imported_when_nothing_stands_in_the_way(client, people, fiche):
    client.force_login(people["redacteur"])
    html = import_row(client, fiche)
    assert "Confirmer l'import" in html
