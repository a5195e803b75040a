"""The permission matrix: each editorial role against each action, through the admin views."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from guide.models import AidPage, Contact, GuideSettings
from guide.roles import ADMINISTRATORS, EDITORS, REVIEWERS, WORKFLOW_NAME, role_group
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import (
    AidPageFactory,
    ContactFactory,
    ContentPageFactory,
    OrganisationFactory,
)

ROLES = (EDITORS, REVIEWERS, ADMINISTRATORS)


@pytest.fixture
def users(db, django_user_model):
    made = {}
    for name in ROLES:
        user = django_user_model.objects.create_user(
            f"user-{name}", f"{name.lower()}@exemple.example", "pw"
        )
        user.groups.add(role_group(name))
        made[name] = user
    return made


@pytest.fixture
def site(guide):
    home, index = guide
    operator = OrganisationFactory(name="Initiative Bièvre")
    return {
        "home": home,
        "index": index,
        "fiche": AidPageFactory(parent=index, title="Prêt d'honneur", slug="pret-honneur"),
        "legal": ContentPageFactory(parent=home, title="Mentions légales"),
        "operator": operator,
        "contact": ContactFactory(organisation=operator),
    }


def as_user(client, user):
    client.force_login(user)
    return client


def fiche_post(site, **overrides):
    data = fiche_form_data(site["operator"], site["contact"], **overrides)
    return data


def create_draft(client, site):
    url = reverse("wagtailadmin_pages:add", args=["guide", "aidpage", site["index"].pk])
    data = fiche_post(site, title="Nouvelle aide", slug="nouvelle-aide")
    data["action-save"] = "1"
    client.post(url, data)
    return AidPage.objects.filter(slug="nouvelle-aide").exists()


def edit_fiche(client, site):
    fiche = site["fiche"]
    data = fiche_post(site, title="Prêt d'honneur (modifié)", slug=fiche.slug)
    data["action-save"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[fiche.pk]), data)
    latest = AidPage.objects.get(pk=fiche.pk).get_latest_revision()
    return latest is not None and latest.content["title"] == "Prêt d'honneur (modifié)"


def submit_fiche(client, site):
    fiche = site["fiche"]
    data = fiche_post(site, title=fiche.title, slug=fiche.slug)
    data["action-submit"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[fiche.pk]), data)
    return WorkflowState.objects.filter(object_id=str(fiche.pk), status="in_progress").exists()


def publish_fiche(client, site):
    fiche = site["fiche"]
    data = fiche_post(site, title="Prêt d'honneur publié", slug=fiche.slug)
    data["action-publish"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[fiche.pk]), data)
    return AidPage.objects.get(pk=fiche.pk).title == "Prêt d'honneur publié"


def unpublish_fiche(client, site):
    fiche = site["fiche"]
    client.post(reverse("wagtailadmin_pages:unpublish", args=[fiche.pk]))
    return not AidPage.objects.get(pk=fiche.pk).live


def delete_live_fiche(client, site):
    fiche = site["fiche"]
    client.post(reverse("wagtailadmin_pages:delete", args=[fiche.pk]))
    return not AidPage.objects.filter(pk=fiche.pk).exists()


def edit_legal_page(client, site):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[site["legal"].pk]))
    return response.status_code == 200


def create_contact(client, site):
    url = reverse("wagtailsnippets_guide_contact:add")
    client.post(
        url,
        {
            "site": site["home"].get_site().pk,
            "kind": "service",
            "name": "Accueil entreprises",
            "organisation": site["operator"].pk,
            "role": "",
            "email": "accueil@exemple.example",
            "phone": "",
            "last_confirmed": "",
        },
    )
    return Contact.objects.filter(name="Accueil entreprises").exists()


def delete_contact(client, site):
    unused = ContactFactory(organisation=site["operator"], name="Ancien contact")
    client.post(reverse("wagtailsnippets_guide_contact:delete", args=[unused.pk]))
    return not Contact.objects.filter(pk=unused.pk).exists()


def change_settings(client, site):
    site_pk = site["home"].get_site().pk
    url = reverse("wagtailsettings:edit", args=["guide", "guidesettings", site_pk])
    client.post(
        url,
        {
            "territory_name": "Grand-Orly Seine Bièvre",
            "referral_note": "Note modifiée",
            "referral_note_en": "Please say you were referred by Grand-Orly Seine Bièvre",
            "business_contact": "",
            "verification_months": "6",
            "digest_email": "",
        },
    )
    return GuideSettings.for_site(site["home"].get_site()).referral_note == "Note modifiée"


def list_users(client, site):
    return client.get(reverse("wagtailusers_users:index")).status_code == 200


def list_redirects(client, site):
    return client.get(reverse("wagtailredirects:index")).status_code == 200


# action: (function, {role: allowed})
MATRIX = {
    "create a fiche": (create_draft, {EDITORS: True, REVIEWERS: True, ADMINISTRATORS: True}),
    "edit a fiche": (edit_fiche, {EDITORS: True, REVIEWERS: True, ADMINISTRATORS: True}),
    "submit for review": (submit_fiche, {EDITORS: True, REVIEWERS: True, ADMINISTRATORS: True}),
    "publish": (publish_fiche, {EDITORS: False, REVIEWERS: True, ADMINISTRATORS: True}),
    "unpublish": (unpublish_fiche, {EDITORS: False, REVIEWERS: True, ADMINISTRATORS: True}),
    "delete a live fiche": (
        delete_live_fiche,
        {EDITORS: False, REVIEWERS: True, ADMINISTRATORS: True},
    ),
    "edit a page outside the guide": (
        edit_legal_page,
        {EDITORS: False, REVIEWERS: False, ADMINISTRATORS: True},
    ),
    "create a contact": (create_contact, {EDITORS: True, REVIEWERS: True, ADMINISTRATORS: True}),
    "delete a contact": (delete_contact, {EDITORS: False, REVIEWERS: True, ADMINISTRATORS: True}),
    "change the guide settings": (
        change_settings,
        {EDITORS: False, REVIEWERS: False, ADMINISTRATORS: True},
    ),
    # Accounts and redirects are the instance's superusers' (guide/roles.py: a territory's
    # administrator could otherwise give himself another territory's rights).
    "manage users": (list_users, {EDITORS: False, REVIEWERS: False, ADMINISTRATORS: False}),
    "manage redirects": (
        list_redirects,
        {EDITORS: False, REVIEWERS: False, ADMINISTRATORS: False},
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(action, role, client, users, site):
    function, allowed = MATRIX[action]
    assert function(as_user(client, users[role]), site) is allowed[role]


@pytest.mark.django_db
@pytest.mark.parametrize("action", MATRIX)
def test_a_user_without_a_role_can_do_nothing(action, client, django_user_model, site):
    nobody = django_user_model.objects.create_user("nobody", "nobody@exemple.example", "pw")
    function, _allowed = MATRIX[action]
    assert function(as_user(client, nobody), site) is False


@pytest.mark.django_db
def test_a_redacteur_deletes_own_draft_but_not_a_published_fiche(client, users, site):
    client = as_user(client, users[EDITORS])
    assert create_draft(client, site)
    draft = AidPage.objects.get(slug="nouvelle-aide")
    assert not draft.live and draft.owner == users[EDITORS]
    client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert not AidPage.objects.filter(pk=draft.pk).exists()
    assert not delete_live_fiche(client, site)


@pytest.mark.django_db
def test_the_guide_is_under_the_review_workflow(site):
    workflow = site["index"].get_workflow()
    assert workflow is not None and workflow.name.startswith(f"{WORKFLOW_NAME} · ")
    assert site["fiche"].get_workflow() == workflow
    # Only the guide: other pages have no workflow (administrators publish them directly).
    assert site["legal"].get_workflow() is None
    approvers = workflow.tasks.get().specific.groups.values_list("name", flat=True)
    assert set(approvers) == {role_group(REVIEWERS).name, role_group(ADMINISTRATORS).name}


@pytest.mark.django_db
def test_roles_are_scoped_to_each_guide_and_its_translation_workflow(guide):
    home, index = guide
    other = (
        type(index)
        .objects.get(pk=index.pk)
        .copy(to=home, update_attrs={"slug": "autre-guide", "title": "Autre guide"})
    )
    for name in (EDITORS, REVIEWERS):
        group = role_group(name)
        assert set(group.page_permissions.values_list("page_id", flat=True)) == {
            index.pk,
            other.pk,
        }
    assert Page.objects.get(pk=other.pk).get_workflow() == index.get_workflow()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_opens_the_choosers_of_the_fiche_editor(role, client, users, site):
    client = as_user(client, users[role])
    for name in (
        "wagtailsnippetchoosers_guide_organisation:choose",
        "wagtailsnippetchoosers_guide_contact:choose",
        "wagtailsnippetchoosers_guide_fundingprogramme:choose",
        "wagtaildocs_chooser:choose",
        "wagtailimages_chooser:choose",
    ):
        assert client.get(reverse(name)).status_code == 200, name
