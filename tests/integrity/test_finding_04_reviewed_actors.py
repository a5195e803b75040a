"""Finding 4 (medium): shared records went live without review.

A Rédacteur changed a contact's e-mail and every live fiche showed it at once: a fraud path
(businesses sent to a false address with the territory's recommendation). Contacts,
organisations and programmes now have drafts, revisions, locks and the review workflow: a
Rédacteur's change is a draft, the fiches show the last published version until a Valideur
approves it. Driven through the snippets' admin views and the public fiche page.
"""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from guide.models import AidContact, AidPage, Contact, Organisation
from guide.roles import EDITORS, REVIEWERS, role_group
from tests.support.admin_forms import contact_form
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

TRUE_EMAIL = "creation@initiative-bievre.example"
FALSE_EMAIL = "paiement@escroc.example"


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@exemple.example", "pw")
    user.groups.add(role_group(group))
    return user


@pytest.fixture
def people(django_user_model):
    return {
        "redacteur": member(django_user_model, "redacteur", EDITORS),
        "valideur": member(django_user_model, "valideur", REVIEWERS),
    }


@pytest.fixture
def fiche(guide_index):
    operator = OrganisationFactory(name="Initiative Bièvre")
    contact = ContactFactory(
        name="Accueil création",
        kind=Contact.Kind.MAILBOX,
        organisation=operator,
        email=TRUE_EMAIL,
        phone="",
    )
    page = AidPageFactory(
        parent=guide_index, title="Prêt d'honneur", operator=operator, with_contact=False
    )
    AidContact.objects.create(page=page, contact=contact, sort_order=0)
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def public_page(client, fiche):
    client.logout()
    response = client.get(fiche.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_redacteurs_change_of_e_mail_waits_for_the_valideur(client, people, fiche):
    contact = AidContact.objects.get(page=fiche).contact
    edit_url = reverse("wagtailsnippets_guide_contact:edit", args=[contact.pk])

    client.force_login(people["redacteur"])
    response = client.post(edit_url, contact_form(contact, email=FALSE_EMAIL))
    assert response.status_code == 302
    assert FALSE_EMAIL not in public_page(client, fiche)
    assert TRUE_EMAIL in public_page(client, fiche)

    # Publishing is refused to a Rédacteur.
    client.force_login(people["redacteur"])
    client.post(edit_url, {**contact_form(contact, email=FALSE_EMAIL), "action-publish": "1"})
    assert Contact.objects.get(pk=contact.pk).email == TRUE_EMAIL
    assert FALSE_EMAIL not in public_page(client, fiche)

    # Submitted for review, it still is not public...
    client.force_login(people["redacteur"])
    client.post(edit_url, {**contact_form(contact, email=FALSE_EMAIL), "action-submit": "1"})
    state = WorkflowState.objects.get(object_id=str(contact.pk), status="in_progress")
    assert FALSE_EMAIL not in public_page(client, fiche)

    # ...until a Valideur approves it (here, a Valideur who checked the address with Initiative
    # Bièvre: the approval is the review).
    client.force_login(people["valideur"])
    url = reverse(
        "wagtailsnippets_guide_contact:workflow_action",
        args=[contact.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    assert Contact.objects.get(pk=contact.pk).email == FALSE_EMAIL
    assert FALSE_EMAIL in public_page(client, fiche)


def test_a_redacteurs_change_of_operator_name_waits_for_the_valideur(client, people, fiche):
    operator = fiche.operator
    client.force_login(people["redacteur"])
    response = client.post(
        reverse("wagtailsnippets_guide_organisation:edit", args=[operator.pk]),
        {
            "site": operator.site_id,
            "name": "Faux opérateur",
            "acronym": "",
            "siren": "",
            "website": "",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(pk=operator.pk).name == "Initiative Bièvre"
    html = public_page(client, fiche)
    assert "Faux opérateur" not in html and "Initiative Bièvre" in html


def test_a_new_contact_is_shown_nowhere_until_a_fiche_using_it_is_published(client, people, fiche):
    client.force_login(people["redacteur"])
    response = client.post(
        reverse("wagtailsnippets_guide_contact:add"),
        contact_form(
            Contact(
                kind=Contact.Kind.MAILBOX,
                name="Nouveau guichet",
                organisation=fiche.operator,
                site=fiche.operator.site,
            ),
            email="guichet@initiative-bievre.example",
        ),
    )
    assert response.status_code == 302
    created = Contact.objects.get(name="Nouveau guichet")
    assert not created.live

    # Written on a draft of the fiche: still nowhere.
    draft = fiche.get_latest_revision_as_object()
    draft.contacts.add(AidContact(contact=created, sort_order=1))  # in the revision only
    revision = draft.save_revision(user=people["redacteur"])
    assert "guichet@initiative-bievre.example" not in public_page(client, fiche)

    # The Valideur publishes the fiche: its new contact goes live with it.
    revision.publish(user=people["valideur"])
    assert Contact.objects.get(pk=created.pk).live
    assert "guichet@initiative-bievre.example" in public_page(client, fiche)


def test_a_contact_unpublished_by_a_valideur_leaves_every_public_page(client, people, fiche):
    contact = AidContact.objects.get(page=fiche).contact
    client.force_login(people["redacteur"])
    url = reverse("wagtailsnippets_guide_contact:unpublish", args=[contact.pk])
    client.post(url)
    assert Contact.objects.get(pk=contact.pk).live  # a Rédacteur cannot

    client.force_login(people["valideur"])
    client.post(url)
    assert not Contact.objects.get(pk=contact.pk).live
    assert TRUE_EMAIL not in public_page(client, fiche)
    api = client.get("/api/v1/aides/", {"q": ""}).content.decode()
    assert TRUE_EMAIL not in api


def test_a_new_contacts_new_organisation_goes_live_with_the_fiche(people, fiche):
    """A contact created in the chooser may name an organisation created there too, which is
    neither the fiche's operator nor a funder: both go live with the fiche, the organisation
    named on the public contact block being reviewed with it."""
    organisation = Organisation(name="Guichet des métiers", site=fiche.operator.site, live=False)
    organisation.save()
    contact = Contact(
        kind=Contact.Kind.MAILBOX,
        name="Accueil métiers",
        organisation=organisation,
        email="accueil@metiers.example",
        site=fiche.operator.site,
        live=False,
    )
    contact.save()
    draft = fiche.get_latest_revision_as_object()
    draft.contacts.add(AidContact(contact=contact, sort_order=1))
    draft.save_revision(user=people["redacteur"]).publish(user=people["valideur"])
    assert Contact.objects.get(pk=contact.pk).live
    assert Organisation.objects.get(pk=organisation.pk).live
