"""Finding 3 (medium): no separation between territories in the admin.

The global Rédacteurs and Valideurs groups had rights on every guide, and programmes, contacts
and organisations were global: a GOSB Rédacteur edited the Bouches-du-Rhône guide and its
programme, and imported into it. Each site now has its own team (groups created with the
site), records belong to a site, and every admin list, chooser, export, import, settings page
and review is scoped to the user's sites. Tried through the admin's URLs as each territory's
staff would, and as an attacker guessing ids.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from guide.models import AidPage, Contact, EditorialTeam, FundingProgramme, GuideSettings
from guide.roles import ADMINISTRATORS, EDITORS, REVIEWERS, role_group
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory
from tests.support.sites import first_site, make_second_site
from tests.support.transfer_files import HEADERS, fiche_row, xlsx_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def territories(guide):
    first = first_site(*guide)
    second = make_second_site()
    records = {}
    for name, territory in (("first", first), ("second", second)):
        operator = OrganisationFactory(name=f"Opérateur {name}", site=territory.site)
        contact = ContactFactory(
            name=f"Contact {name}", organisation=operator, email=f"{name}@exemple.example"
        )
        programme = FundingProgramme.objects.create(
            name=f"Programme {name}", kind="territorial", site=territory.site
        )
        fiche = AidPageFactory(parent=territory.guide, title=f"Fiche {name}", operator=operator)
        fiche.save_revision().publish()
        records[name] = {
            "territory": territory,
            "operator": operator,
            "contact": contact,
            "programme": programme,
            "fiche": AidPage.objects.get(pk=fiche.pk),
        }
    return records


def staff(django_user_model, client, role, territory, name=None):
    name = name or f"{role}-{territory.hostname}"
    user = django_user_model.objects.create_user(name, f"{name}@exemple.example", "pw")
    user.groups.add(role_group(role, territory.site))
    client.force_login(user)
    return user


def test_each_site_has_its_own_team_and_review(territories):
    first, second = (territories[n]["territory"] for n in ("first", "second"))
    teams = {team.site_id: team for team in EditorialTeam.objects.all()}
    assert set(teams) >= {first.site.pk, second.site.pk}
    assert not set(teams[first.site.pk].group_ids()) & set(teams[second.site.pk].group_ids())
    assert "Bouches-du-Rhône" in teams[second.site.pk].editors.name
    assert territories["first"]["fiche"].get_workflow() == teams[first.site.pk].workflow
    assert territories["second"]["fiche"].get_workflow() == teams[second.site.pk].workflow
    contact = Contact.objects.get(pk=territories["first"]["contact"].pk)
    assert contact.get_workflow() == teams[first.site.pk].workflow


@pytest.mark.parametrize("role", [EDITORS, REVIEWERS, ADMINISTRATORS])
def test_a_territorys_staff_cannot_open_or_change_the_other_territorys_content(
    role, client, django_user_model, territories
):
    mine, theirs = territories["first"], territories["second"]
    staff(django_user_model, client, role, mine["territory"])

    # Their fiche: no edit view, no revision written by a forged POST.
    fiche = theirs["fiche"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk])).status_code in (302, 403)
    client.post(reverse("wagtailadmin_pages:edit", args=[fiche.pk]), {"title": "Piratée"})
    assert AidPage.objects.get(pk=fiche.pk).get_latest_revision_as_object().title == fiche.title

    # Their records: no edit, delete, history or chooser entry; absent from lists and exports.
    for model, record in (
        ("contact", theirs["contact"]),
        ("organisation", theirs["operator"]),
        ("fundingprogramme", theirs["programme"]),
    ):
        for view in ("edit", "delete", "history"):
            url = reverse(f"wagtailsnippets_guide_{model}:{view}", args=[record.pk])
            assert client.get(url).status_code == 403, (model, view)
        listing = client.get(reverse(f"wagtailsnippets_guide_{model}:list")).content.decode()
        assert str(record) not in listing and str(mine_record(mine, model)) in listing
        export = client.get(reverse(f"wagtailsnippets_guide_{model}:list"), {"export": "csv"})
        exported = b"".join(export.streaming_content).decode("utf-8-sig")
        assert str(record) not in exported and record.name not in exported
        chooser = client.get(reverse(f"wagtailsnippetchoosers_guide_{model}:choose"))
        assert record.name not in chooser.content.decode()
    data = {"name": "Contact détourné", "organisation": theirs["operator"].pk, "email": "x@y.fr"}
    client.post(reverse("wagtailsnippets_guide_contact:edit", args=[theirs["contact"].pk]), data)
    assert Contact.objects.get(pk=theirs["contact"].pk).name == "Contact second"

    # Their settings.
    site = theirs["territory"].site
    url = reverse("wagtailsettings:edit", args=["guide", "guidesettings", site.pk])
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"territory_name": "Territoire détourné"})
    assert GuideSettings.for_site(site).territory_name != "Territoire détourné"


def mine_record(records, model):
    return {"contact": records["contact"], "organisation": records["operator"]}.get(
        model, records["programme"]
    )


def test_a_redacteur_cannot_import_into_the_other_guide(client, django_user_model, territories):
    mine, theirs = territories["first"], territories["second"]
    staff(django_user_model, client, EDITORS, mine["territory"])
    data = xlsx_of(HEADERS, [fiche_row(titre="Fiche importée ailleurs")])
    response = client.post(
        reverse("guide_transfer_import"),
        {
            "file": SimpleUploadedFile("fiches.xlsx", data),
            "kind": "guide",
            "guide": theirs["territory"].guide.pk,
        },
    )
    assert response.status_code in (302, 403, 404)
    assert not AidPage.objects.filter(title="Fiche importée ailleurs").exists()


def test_the_other_territorys_valideur_cannot_approve(client, django_user_model, territories):
    mine, theirs = territories["first"], territories["second"]
    fiche = mine["fiche"]
    author = staff(django_user_model, client, EDITORS, mine["territory"])
    fiche.get_workflow().start(fiche, author)
    state = WorkflowState.objects.get(object_id=str(fiche.pk), status="in_progress")

    staff(django_user_model, client, REVIEWERS, theirs["territory"])
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[fiche.pk, "approve", state.current_task_state.pk],
    )
    client.post(url, {"comment": ""})
    assert WorkflowState.objects.get(pk=state.pk).status == "in_progress"

    staff(django_user_model, client, REVIEWERS, mine["territory"], name="valideur-gosb")
    client.post(url, {"comment": ""})
    assert WorkflowState.objects.get(pk=state.pk).status == "approved"


def test_a_superuser_sees_every_territory(admin_client, territories):
    for name in ("first", "second"):
        contact = territories[name]["contact"]
        url = reverse("wagtailsnippets_guide_contact:edit", args=[contact.pk])
        assert admin_client.get(url).status_code == 200
    assert Page.objects.filter(pk=territories["second"]["fiche"].pk).exists()
