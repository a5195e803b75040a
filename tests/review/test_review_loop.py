"""The review loop as both sides see it (review/): the dashboard's order, the editor's banner
and status dialog, the confirmations, the wording; pages (fiches) and snippets (contacts)."""

import re

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from guide.models import AidPage
from guide.roles import EDITORS, REVIEWERS, role_group
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

COMMENT = "Le plafond manque sur le prêt."


@pytest.fixture
def team(django_user_model):
    def member(username, first_name, group):
        user = django_user_model.objects.create_user(
            username, f"{username}@gosb.example", "pw", first_name=first_name, last_name="Test"
        )
        user.groups.add(role_group(group))
        return user

    return {
        "writer": member("claire", "Claire", EDITORS),
        "reviewer": member("karim", "Karim", REVIEWERS),
    }


@pytest.fixture
def actors(db):
    operator = OrganisationFactory(name="Initiative Bièvre")
    return operator, ContactFactory(organisation=operator)


def submit_fiche(client, guide_index, actors):
    data = fiche_form_data(*actors)
    data["action-submit"] = "1"
    client.post(reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide_index.pk]), data)
    return AidPage.objects.get(slug="pret-honneur-bievre")


def task_state_of(obj):
    return WorkflowState.objects.for_instance(obj).get(status="in_progress").current_task_state


def decide(client, page, action, comment=""):
    """The Valideur's decision from the dashboard's dialog (Wagtail's workflow_action view)."""
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state_of(page).pk]
    )
    return client.post(url, {"comment": comment}, follow=True)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def changes_requested(client, guide_index, team, actors):
    """A fiche submitted by Claire, on which Karim requested changes with a comment."""
    client.force_login(team["writer"])
    page = submit_fiche(client, guide_index, actors)
    client.force_login(team["reviewer"])
    response = decide(client, page, "reject", COMMENT)
    return page, response


def test_the_review_panel_comes_first_on_the_reviewers_dashboard(client, guide_index, team, actors):
    client.force_login(team["writer"])
    submit_fiche(client, guide_index, actors)
    client.force_login(team["reviewer"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    awaiting = html.index("En attente de votre vérification")
    assert "Prêt d&#x27;honneur Bièvre" in html[awaiting:]
    assert awaiting < html.index("Fiches à suivre")
    assert awaiting < html.index('id="guide-attention')


def test_the_writers_own_submissions_come_before_the_reports(client, guide_index, team, actors):
    client.force_login(team["writer"])
    submit_fiche(client, guide_index, actors)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Vos contenus en relecture" in html
    if 'id="guide-attention' in html:
        assert html.index("Vos contenus en relecture") < html.index('id="guide-attention')


def test_requesting_changes_is_confirmed(changes_requested):
    _page, response = changes_requested
    # The message is shown on the page the dialog leads back to (the dashboard).
    assert (
        "Vous avez demandé des modifications de « Prêt d&#x27;honneur Bièvre » à Claire Test"
        in text(response)
    )


def test_the_writer_sees_who_asked_for_what_in_the_editor(client, team, changes_requested):
    page, _response = changes_requested
    client.force_login(team["writer"])
    html = text(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    banner = html[html.index('data-review-status="changes_requested"') :]
    # The banner: the reviewer's name, a French date, the comment, before the form.
    assert re.search(
        r"Modifications demandées par Karim Test le \d{1,2} (janvier|février|mars|avril|mai|juin|"
        r"juillet|août|septembre|octobre|novembre|décembre) \d{4} à \d\d:\d\d",
        banner,
    )
    assert COMMENT in banner
    assert banner.index(COMMENT) < banner.index('id="page-edit-form"')
    # Wagtail's status dialog names the reviewer too, with a French duration.
    # (« maintenant » from Django's humanize, « à l'instant » or « il y a … » from Wagtail's.)
    assert re.search(
        r"Modifications demandées (maintenant|à l&#x27;instant|il y a [^<]{1,30}) par Karim Test",
        html,
    )
    # The action to send it back, in plain words.
    assert "Resoumettre à la relecture" in html
    assert "Relecture par un valideur" not in html.split("Resoumettre")[0][-200:]


def test_a_submitted_fiche_says_since_when_and_approval_is_confirmed(
    client, guide_index, team, actors
):
    client.force_login(team["writer"])
    page = submit_fiche(client, guide_index, actors)
    html = text(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert re.search(
        r"En relecture depuis le \d{1,2} \w+ \d{4} à \d\d:\d\d, à la demande de "
        r"Claire Test",
        html,
    )
    assert "Annuler la demande de relecture" in html

    client.force_login(team["reviewer"])
    response = decide(client, page, "approve")
    assert "Vous avez approuvé « Prêt d&#x27;honneur Bièvre »." in text(response)
    page.refresh_from_db()
    assert page.live

    client.force_login(team["writer"])
    html = text(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert re.search(r"Relecture approuvée par Karim Test le \d{1,2} \w+ \d{4}", html)


def test_a_contacts_review_in_the_snippet_editor(client, guide_index, team, actors):
    _operator, contact = actors
    edit_url = reverse("wagtailsnippets_guide_contact:edit", args=[contact.pk])
    client.force_login(team["writer"])
    form = {
        "site": contact.site_id,
        "kind": contact.kind,
        "name": contact.name,
        "organisation": contact.organisation_id,
        "role": contact.role,
        "email": "nouvelle@initiative-bievre.example",
        "phone": contact.phone,
        "last_confirmed": "",
        "action-submit": "1",
    }
    response = client.post(edit_url, form)
    assert response.status_code == 302, text(response)[-3000:]
    client.force_login(team["reviewer"])
    url = reverse(
        "wagtailsnippets_guide_contact:workflow_action",
        args=[contact.pk, "reject", task_state_of(contact).pk],
    )
    response = client.post(url, {"comment": "Adresse à confirmer."}, follow=True)
    assert "Vous avez demandé des modifications de « " in text(response)

    client.force_login(team["writer"])
    html = text(client.get(edit_url))
    assert "Modifications demandées par Karim Test le " in html
    assert "Adresse à confirmer." in html
    assert "Resoumettre à la relecture" in html


def test_the_comparison_of_a_new_fiche_keeps_its_contact_line(
    client, team, changes_requested, actors
):
    """A fiche never published, corrected after a request for changes: the comparison of its
    two versions shows the title changed and the same contact line, not removed and added."""
    page, _response = changes_requested
    client.force_login(team["writer"])
    data = fiche_form_data(*actors, title="Prêt d'honneur Bièvre corrigé")
    # What the editor's form sends back: the saved lines with their ids.
    for prefix, lines in (
        ("contacts", page.contacts),
        ("financial_components", page.financial_components),
    ):
        data[f"{prefix}-INITIAL_FORMS"] = "1"
        data[f"{prefix}-0-id"] = str(lines.get().pk)
    data["action-submit"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    first, last = page.revisions.order_by("created_at", "pk")[:: page.revisions.count() - 1]
    client.force_login(team["reviewer"])
    html = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, last.pk])
    ).content.decode()
    assert "corrigé" in html
    assert "comparison__child-object addition" not in html
    assert "comparison__child-object deletion" not in html
