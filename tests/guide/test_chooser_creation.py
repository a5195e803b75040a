"""The organisation and contact choosers of the fiche editor create a record in place: in the
user's territory, as a draft, only for those who may add one; a forged POST is refused."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import ModelLogEntry, Site

from guide.models import Contact, Organisation
from guide.roles import ADMINISTRATORS, EDITORS, REVIEWERS, role_group
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory
from tests.support.sites import make_second_site

CHOOSE = "wagtailsnippetchoosers_guide_{}:choose"
CREATE = "wagtailsnippetchoosers_guide_{}:create"
ROLES = (EDITORS, REVIEWERS, ADMINISTRATORS)


@pytest.fixture
def second(guide):
    return make_second_site()


def member(django_user_model, role, site=None, name=None):
    user = django_user_model.objects.create_user(
        name or f"membre-{role}", f"{name or role}@exemple.example", "pw"
    )
    user.groups.add(role_group(role, site))
    return user


def organisation_data(site, **values):
    return {"site": site.pk, "name": "Initiative Bièvre", "acronym": "IB", **values}


def contact_data(site, organisation, **values):
    return {
        "site": site.pk,
        "kind": Contact.Kind.MAILBOX,
        "name": "Service création d'entreprise",
        "organisation": organisation.pk,
        "email": "creation@initiative-bievre.example",
        "phone": "",
        **values,
    }


def default_site():
    return Site.objects.get(is_default_site=True)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_creates_an_organisation_as_a_draft_of_its_territory(
    role, guide, client, django_user_model
):
    user = member(django_user_model, role)
    client.force_login(user)
    page = client.get(reverse(CHOOSE.format("organisation")))
    html = page.json()["html"]
    assert "Nouvelle organisation" in html and escape("Créer l'organisation") in html
    # The user's only territory is chosen already.
    assert f'<option value="{default_site().pk}" selected>' in html

    response = client.post(
        reverse(CREATE.format("organisation")), organisation_data(default_site())
    )
    answer = response.json()
    assert answer["step"] == "chosen", answer
    organisation = Organisation.objects.get(pk=answer["result"]["id"])
    assert answer["result"]["string"] == "Initiative Bièvre"
    assert organisation.site == default_site()
    # A draft, with its revision and its log entry, as from the snippet's own « add » view:
    # it goes live with the first fiche published with it.
    assert not organisation.live and organisation.first_published_at is None
    assert organisation.latest_revision is not None
    assert organisation.latest_revision.user == user
    assert ModelLogEntry.objects.filter(action="wagtail.create", user=user).count() == 1


def test_an_editor_creates_a_contact_of_an_organisation_of_the_territory(
    guide, client, django_user_model
):
    client.force_login(member(django_user_model, EDITORS))
    organisation = OrganisationFactory(name="Initiative Bièvre")
    html = client.get(reverse(CHOOSE.format("contact"))).json()["html"]
    assert "Nouveau contact" in html and "Créer le contact" in html
    response = client.post(
        reverse(CREATE.format("contact")),
        contact_data(default_site(), organisation, phone="01 45 12 34 56"),
    )
    answer = response.json()
    assert answer["step"] == "chosen", answer
    contact = Contact.objects.get(pk=answer["result"]["id"])
    assert contact.organisation == organisation and contact.site == default_site()
    assert contact.phone == "+33145123456"  # the model's own rules apply
    assert not contact.live


def test_the_new_records_go_live_with_the_fiche(guide, client, django_user_model):
    client.force_login(member(django_user_model, EDITORS))
    client.post(reverse(CREATE.format("organisation")), organisation_data(default_site()))
    organisation = Organisation.objects.get(name="Initiative Bièvre")
    client.post(reverse(CREATE.format("contact")), contact_data(default_site(), organisation))
    contact = Contact.objects.get(name="Service création d'entreprise")
    assert not organisation.live and not contact.live

    fiche = AidPageFactory(parent=guide[1], operator=organisation, with_contact=False)
    fiche.contacts.create(contact=contact, referral_note="De la part du GOSB")
    fiche.save_revision().publish()
    organisation.refresh_from_db()
    contact.refresh_from_db()
    assert organisation.live and contact.live


def test_a_duplicate_organisation_name_is_refused_and_the_values_kept(
    guide, client, django_user_model
):
    OrganisationFactory(name="Initiative Bièvre")
    client.force_login(member(django_user_model, EDITORS))
    response = client.post(
        reverse(CREATE.format("organisation")),
        organisation_data(default_site(), name="initiative bièvre", website="https://ib.example"),
    )
    answer = response.json()
    assert answer["step"] == "reshow_creation_form"
    html = answer["htmlFragment"]
    assert "L&#x27;organisation « Initiative Bièvre » existe déjà" in html
    assert "https://ib.example" in html and "initiative bièvre" in html
    assert Organisation.objects.filter(name__iexact="initiative bièvre").count() == 1


def test_a_shared_organisation_is_a_duplicate_too(guide, client, django_user_model):
    OrganisationFactory(name="Bpifrance", site=None)
    client.force_login(member(django_user_model, EDITORS))
    response = client.post(
        reverse(CREATE.format("organisation")), organisation_data(default_site(), name="Bpifrance")
    )
    assert response.json()["step"] == "reshow_creation_form"
    assert Organisation.objects.filter(name="Bpifrance").count() == 1


def test_another_territorys_organisation_of_the_same_name_is_not_a_duplicate(
    second, client, django_user_model
):
    OrganisationFactory(name="Initiative Bièvre", site=second.site)
    client.force_login(member(django_user_model, EDITORS))
    response = client.post(
        reverse(CREATE.format("organisation")), organisation_data(default_site())
    )
    assert response.json()["step"] == "chosen"


def test_a_contact_of_the_same_name_in_the_same_organisation_is_refused(
    guide, client, django_user_model
):
    organisation = OrganisationFactory(name="Initiative Bièvre")
    ContactFactory(organisation=organisation, name="Service création d'entreprise")
    client.force_login(member(django_user_model, EDITORS))
    response = client.post(
        reverse(CREATE.format("contact")), contact_data(default_site(), organisation)
    )
    answer = response.json()
    assert answer["step"] == "reshow_creation_form"
    assert "existe déjà" in answer["htmlFragment"]


def test_a_contact_without_email_or_phone_is_refused_with_the_models_message(
    guide, client, django_user_model
):
    organisation = OrganisationFactory(name="Initiative Bièvre")
    client.force_login(member(django_user_model, EDITORS))
    response = client.post(
        reverse(CREATE.format("contact")), contact_data(default_site(), organisation, email="")
    )
    answer = response.json()
    assert answer["step"] == "reshow_creation_form"
    assert "Indiquez au moins un e-mail ou un téléphone" in answer["htmlFragment"]
    assert not Contact.objects.exists()


def test_without_the_add_permission_there_is_no_creation_tab_and_a_post_is_refused(
    guide, client, django_user_model
):
    user = django_user_model.objects.create_user("lecteur", "l@exemple.example", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_organisation"),
    )
    client.force_login(user)
    html = client.get(reverse(CHOOSE.format("organisation"))).json()["html"]
    assert escape("Créer l'organisation") not in html and "Nouvelle organisation" not in html
    response = client.post(
        reverse(CREATE.format("organisation")), organisation_data(default_site())
    )
    # Wagtail's answer to a refused admin view: back to the dashboard, with its message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("model", ["organisation", "contact"])
def test_an_anonymous_post_creates_nothing(model, guide, client):
    organisation = OrganisationFactory(name="Existante")
    data = (
        organisation_data(default_site())
        if model == "organisation"
        else contact_data(default_site(), organisation)
    )
    response = client.post(reverse(CREATE.format(model)), data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert Organisation.objects.count() == 1 and not Contact.objects.exists()


def test_another_territorys_editor_cannot_create_in_this_territory(
    second, client, django_user_model
):
    """A forged POST naming the first territory (or its organisation) is refused; the
    territory offered is the editor's own."""
    organisation = OrganisationFactory(name="Initiative Bièvre")
    client.force_login(member(django_user_model, EDITORS, site=second.site, name="autre"))
    html = client.get(reverse(CHOOSE.format("organisation"))).json()["html"]
    assert f'<option value="{second.site.pk}" selected>' in html
    assert f'<option value="{default_site().pk}"' not in html

    response = client.post(
        reverse(CREATE.format("organisation")),
        organisation_data(default_site(), name="Intruse"),
    )
    assert response.json()["step"] == "reshow_creation_form"
    assert not Organisation.objects.filter(name="Intruse").exists()

    # Nor may a contact of its own territory belong to the other territory's organisation,
    # whose name its form does not even list.
    contact_form = client.get(reverse(CHOOSE.format("contact"))).json()["html"]
    assert "Initiative Bièvre" not in contact_form
    response = client.post(
        reverse(CREATE.format("contact")), contact_data(second.site, organisation)
    )
    assert response.json()["step"] == "reshow_creation_form"
    assert not Contact.objects.exists()
