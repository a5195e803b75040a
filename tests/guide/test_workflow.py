"""The review workflow "Relecture" end to end in the admin, and scheduled (un)publication."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Comment, WorkflowState

from guide.models import AidPage
from guide.roles import ADMINISTRATORS, EDITORS, REVIEWERS, role_group
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory


@pytest.fixture
def team(db, django_user_model):
    def member(username, group):
        user = django_user_model.objects.create_user(username, f"{username}@gosb.example", "pw")
        user.groups.add(role_group(group))
        return user

    return {
        "writer": member("claire", EDITORS),
        "reviewer": member("karim", REVIEWERS),
        "admin": member("sophie", ADMINISTRATORS),
    }


@pytest.fixture
def actors(db):
    operator = OrganisationFactory(name="Initiative Bièvre")
    return operator, ContactFactory(organisation=operator)


def post_fiche(client, url, actors, action, **overrides):
    data = fiche_form_data(*actors, **overrides)
    data[action] = "1"
    return client.post(url, data)


def workflow_action(client, page, action, comment=""):
    state = WorkflowState.objects.get(object_id=str(page.pk), status__in=["in_progress"])
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state.pk],
    )
    return client.post(url, {"comment": comment})


@pytest.mark.django_db
def test_submit_request_changes_resubmit_approve(client, guide_index, team, actors):
    add_url = reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide_index.pk])

    # 1. The Rédacteur writes a fiche and submits it: not live, a review in progress.
    client.force_login(team["writer"])
    post_fiche(client, add_url, actors, "action-submit")
    page = AidPage.objects.get(slug="pret-honneur-bievre")
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == team["writer"]
    # Reviewers and administrators are told by e-mail; the writer is not.
    notified = {address for message in mail.outbox for address in message.to}
    assert notified == {"karim@gosb.example", "sophie@gosb.example"}
    assert "Prêt d'honneur Bièvre" in mail.outbox[0].subject

    # The writer cannot approve their own submission.
    response = workflow_action(client, page, "approve")
    assert response.status_code in (302, 403)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not AidPage.objects.get(pk=page.pk).live

    # 2. The Valideur requests changes with a comment; the writer is told.
    mail.outbox.clear()
    client.force_login(team["reviewer"])
    workflow_action(client, page, "reject", comment="Le plafond manque sur le prêt.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [message.to for message in mail.outbox] == [["claire@gosb.example"]]
    assert "Le plafond manque sur le prêt." in mail.outbox[0].body
    assert not AidPage.objects.get(pk=page.pk).live

    # 3. The writer corrects the fiche and resubmits: the same workflow resumes.
    client.force_login(team["writer"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    post_fiche(client, edit_url, actors, "action-submit", title="Prêt d'honneur Bièvre corrigé")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # 4. The Valideur approves: the fiche is published with the corrected title.
    client.force_login(team["reviewer"])
    workflow_action(client, page, "approve", comment="Parfait.")
    page.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert page.live and page.title == "Prêt d'honneur Bièvre corrigé"
    assert page.get_latest_revision().user == team["writer"]


@pytest.mark.django_db
def test_reviewers_comment_on_a_field(client, guide_index, team, actors):
    """Wagtail's commenting: a reviewer leaves a comment on the promesse."""
    fiche = AidPageFactory(parent=guide_index, slug="pret-honneur-bievre")
    client.force_login(team["reviewer"])
    data = fiche_form_data(*actors, slug=fiche.slug)
    data.update(
        {
            "comments-TOTAL_FORMS": "1",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "",
            "comments-0-id": "",
            "comments-0-contentpath": "promesse",
            "comments-0-text": "Commencez par un verbe à l'impératif.",
            "comments-0-resolved": "",
            "comments-0-DELETE": "",
            "comments-0-replies-TOTAL_FORMS": "0",
            "comments-0-replies-INITIAL_FORMS": "0",
            "comments-0-replies-MIN_NUM_FORMS": "0",
            "comments-0-replies-MAX_NUM_FORMS": "",
            "action-save": "1",
        }
    )
    data.pop("comments", None)
    client.post(reverse("wagtailadmin_pages:edit", args=[fiche.pk]), data)
    comment = Comment.objects.get()
    assert comment.contentpath == "promesse" and comment.user == team["reviewer"]


@pytest.mark.django_db
def test_revisions_are_kept_and_compared(client, guide_index, team, actors):
    fiche = AidPageFactory(parent=guide_index, slug="pret-honneur-bievre")
    client.force_login(team["writer"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[fiche.pk])
    post_fiche(client, edit_url, actors, "action-save", slug=fiche.slug, title="Version 1")
    post_fiche(client, edit_url, actors, "action-save", slug=fiche.slug, title="Version 2")
    first, second = fiche.revisions.order_by("created_at")
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[fiche.pk, first.pk, second.pk])
    response = client.get(compare)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Version 1" in content and "Version 2" in content
    history = client.get(reverse("wagtailadmin_pages:history", args=[fiche.pk]))
    assert history.status_code == 200


@pytest.mark.django_db
def test_scheduled_publication_and_unpublication(client, guide_index, team, actors):
    """A Valideur schedules a fiche; the cron's publish_scheduled publishes then unpublishes it."""
    fiche = AidPageFactory(parent=guide_index, slug="pret-honneur-bievre", live=False)
    client.force_login(team["reviewer"])
    now = timezone.now()
    go_live, expire = now + datetime.timedelta(days=1), now + datetime.timedelta(days=10)
    post_fiche(
        client,
        reverse("wagtailadmin_pages:edit", args=[fiche.pk]),
        actors,
        "action-publish",
        slug=fiche.slug,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        expire_at=expire.strftime("%Y-%m-%d %H:%M"),
    )
    fiche.refresh_from_db()
    assert not fiche.live and fiche.get_latest_revision().approved_go_live_at is not None

    def run_cron_at(moment):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda: moment)
            call_command("publish_scheduled", stdout=io.StringIO())
        fiche.refresh_from_db()

    run_cron_at(now + datetime.timedelta(hours=1))
    assert not fiche.live
    run_cron_at(go_live + datetime.timedelta(minutes=1))
    assert fiche.live
    run_cron_at(expire + datetime.timedelta(minutes=1))
    assert not fiche.live and fiche.expired
