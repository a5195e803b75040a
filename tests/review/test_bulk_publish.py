"""A Valideur's bulk « Publier » approves the pending review (review/bulk_publish.py); nobody
without the publish right on the page publishes anything, forged POST included."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from guide.models import AidPage
from guide.roles import EDITORS, REVIEWERS, role_group
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import ContactFactory, OrganisationFactory
from tests.support.sites import make_second_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, guide_index, django_user_model):
    writer = django_user_model.objects.create_user("claire", "c@gosb.example", "pw")
    writer.groups.add(role_group(EDITORS))
    operator = OrganisationFactory(name="Initiative Bièvre")
    data = fiche_form_data(operator, ContactFactory(organisation=operator))
    data["action-submit"] = "1"
    client.force_login(writer)
    client.post(reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide_index.pk]), data)
    client.logout()
    return writer, AidPage.objects.get(slug="pret-honneur-bievre")


def bulk_publish(client, user, page):
    client.force_login(user)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    return client.post(f"{url}?id={page.pk}", {"include_descendants": ""})


def state_of(page):
    return WorkflowState.objects.for_instance(page).get()


def test_a_valideurs_bulk_publish_approves_the_review(client, submitted, django_user_model):
    _writer, page = submitted
    reviewer = django_user_model.objects.create_user("karim", "k@gosb.example", "pw")
    reviewer.groups.add(role_group(REVIEWERS))
    assert bulk_publish(client, reviewer, page).status_code == 302
    state = state_of(page)
    assert state.status == WorkflowState.STATUS_APPROVED
    assert state.current_task_state.status == "approved"
    assert state.current_task_state.finished_by == reviewer
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes


def test_a_redacteur_cannot_bulk_publish(client, submitted):
    writer, page = submitted
    bulk_publish(client, writer, page)
    assert state_of(page).status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert not page.live


def test_another_territorys_valideur_cannot_bulk_publish(client, submitted, django_user_model):
    _writer, page = submitted
    other = make_second_site()
    stranger = django_user_model.objects.create_user("marius", "m@fonds13.example", "pw")
    stranger.groups.add(role_group(REVIEWERS, other.site))
    bulk_publish(client, stranger, page)
    assert state_of(page).status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert not page.live


def test_a_page_with_no_review_is_published_as_wagtail_does(client, guide_index, django_user_model):
    operator = OrganisationFactory(name="Initiative Bièvre")
    reviewer = django_user_model.objects.create_user("karim", "k@gosb.example", "pw")
    reviewer.groups.add(role_group(REVIEWERS))
    client.force_login(reviewer)
    data = fiche_form_data(operator, ContactFactory(organisation=operator))
    data["action-save"] = "1"
    client.post(reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide_index.pk]), data)
    page = AidPage.objects.get(slug="pret-honneur-bievre")
    bulk_publish(client, reviewer, page)
    page.refresh_from_db()
    assert page.live
    assert not WorkflowState.objects.for_instance(page).exists()
