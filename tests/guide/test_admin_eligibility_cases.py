"""The fiche editor's eligibility cases (« Éligibilité » tab, « Cas d'éligibilité »): each role
that may edit a fiche writes them, they are kept in the revision and published with their
many-to-many values, and the preview, the revisions' comparison and the page copy read them.
The form's rules on cases come with French messages and keep what the editor typed."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset

from guide.models import AidPage, Audience, Sector, Territory
from guide.models.eligibility_case import Establishment
from guide.roles import ADMINISTRATORS, EDITORS, REVIEWERS, role_group
from tests.support.admin_forms import eligibility_case, fiche_form_data
from tests.support.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ROLES = (EDITORS, REVIEWERS, ADMINISTRATORS)
PUBLISHERS = (REVIEWERS, ADMINISTRATORS)


def department(code):
    return Territory.objects.get(kind="DEP", code=code)


def audience(slug):
    return Audience.objects.get(slug=slug)


@pytest.fixture
def people(guide, django_user_model):
    made = {}
    for role in ROLES:
        user = django_user_model.objects.create_user(role, f"{role}@exemple.example", "pw")
        user.groups.add(role_group(role))
        made[role] = user
    return made


@pytest.fixture
def actors(guide):
    operator = OrganisationFactory(name="Alixio")
    return operator, ContactFactory(organisation=operator)


def alixio_cases():
    """Alixio's two cases (seed 000): Val-de-Marne, PME or PMI; Essonne, PMI established or
    moving in, at most 250 staff."""
    return [
        eligibility_case(
            territories=[department("94")], audiences=[audience("pme"), audience("pmi")]
        ),
        eligibility_case(
            territories=[department("91")],
            audiences=[audience("pmi")],
            establishment=Establishment.ESTABLISHED_OR_MOVING,
            staff_max="250",
        ),
    ]


def form_data(actors, cases, **overrides):
    """The editor's POST data for a fiche covering the Val-de-Marne and the Essonne."""
    overrides.setdefault("territories", (department("94").pk, department("91").pk))
    return fiche_form_data(*actors, eligibility_cases=inline_formset(cases), **overrides)


def add_url(guide):
    return reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide[1].pk])


def action(role):
    """What the role's « save » button does: Rédacteurs cannot publish, so they save drafts."""
    return "action-publish" if role in PUBLISHERS else "action-save"


def case_values(page):
    """Each case of ``page`` (a saved page or a revision's object) as comparable values."""
    return [
        {
            "territories": sorted(t.code for t in case.territories.all()),
            "audiences": sorted(a.slug for a in case.audiences.all()),
            "sectors": sorted(s.slug for s in case.sectors.all()),
            "staff_max": case.staff_max,
            "establishment": case.establishment,
        }
        for case in page.eligibility_cases.all()
    ]


ALIXIO_VALUES = [
    {
        "territories": ["94"],
        "audiences": ["pme", "pmi"],
        "sectors": [],
        "staff_max": None,
        "establishment": "",
    },
    {
        "territories": ["91"],
        "audiences": ["pmi"],
        "sectors": [],
        "staff_max": 250,
        "establishment": "implantee-ou-en-cours",
    },
]


def form_errors(response):
    form = response.context["form"]
    return {
        "form": dict(form.errors),
        "cases": [dict(case.errors) for case in form.formsets["eligibility_cases"].forms],
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("count", [0, 1, 2])
def test_each_role_creates_a_fiche_with_its_cases(client, guide, people, actors, role, count):
    client.force_login(people[role])
    data = form_data(actors, alixio_cases()[:count])
    data[action(role)] = "1"
    response = client.post(add_url(guide), data)
    assert response.status_code == 302, form_errors(response)
    page = AidPage.objects.get(slug="pret-honneur-bievre")
    assert case_values(page.get_latest_revision_as_object()) == ALIXIO_VALUES[:count]
    # The cases are rows of their own once saved (the draft's as the live page's).
    assert case_values(page) == ALIXIO_VALUES[:count]
    assert page.live is (role in PUBLISHERS)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_edits_the_cases_of_a_fiche(client, guide, people, actors, role):
    """Two cases published; the role changes the first one's audiences and sector, removes the
    second and adds a third: the revision (and, for a publisher, the live fiche) says so."""
    client.force_login(people[ADMINISTRATORS])
    data = form_data(actors, alixio_cases())
    data["action-publish"] = "1"
    assert client.post(add_url(guide), data).status_code == 302
    page = AidPage.objects.get(slug="pret-honneur-bievre")
    first, second = page.eligibility_cases.all()

    client.force_login(people[role])
    industry = Sector.objects.get(slug="industrie")
    cases = [
        {
            "id": first.pk,
            **eligibility_case(territories=[department("94")], audiences=[audience("pmi")]),
            "sectors": (industry.pk,),
        },
        {"id": second.pk, **alixio_cases()[1], "DELETE": "1"},
        eligibility_case(audiences=[audience("ess")], min_jobs_created="2"),
    ]
    data = form_data(actors, cases)
    data["eligibility_cases-INITIAL_FORMS"] = "2"
    data[action(role)] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, form_errors(response)

    expected = [
        {
            "territories": ["94"],
            "audiences": ["pmi"],
            "sectors": ["industrie"],
            "staff_max": None,
            "establishment": "",
        },
        {
            "territories": [],
            "audiences": ["ess"],
            "sectors": [],
            "staff_max": None,
            "establishment": "",
        },
    ]
    page = AidPage.objects.get(pk=page.pk)
    assert case_values(page.get_latest_revision_as_object()) == expected
    assert case_values(page) == (expected if role in PUBLISHERS else ALIXIO_VALUES)


@pytest.fixture
def alixio(client, guide, people, actors):
    """Alixio published with its two cases by an Administrateur, who stays signed in."""
    client.force_login(people[ADMINISTRATORS])
    data = form_data(actors, alixio_cases(), title="Alixio", slug="alixio")
    data["action-publish"] = "1"
    assert client.post(add_url(guide), data).status_code == 302
    return AidPage.objects.get(slug="alixio")


def test_a_fiche_with_cases_is_previewed_as_typed(client, alixio, actors):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[alixio.pk])
    third = eligibility_case(territories=[department("94")], audiences=[audience("ess")])
    data = form_data(actors, [*alixio_cases(), third], title="Alixio", slug="alixio")
    response = client.post(url, data)
    assert json.loads(response.content) == {"is_valid": True, "is_available": True}
    response = client.get(url)
    assert response.status_code == 200
    assert "Alixio" in response.content.decode()


def test_the_revisions_of_a_fiche_with_cases_are_compared(client, alixio, actors):
    """The comparison of two revisions whose cases differ (a case removed, another's audiences
    changed) answers, and shows the cases with their many-to-many values."""
    first = alixio.get_latest_revision()
    kept = alixio.eligibility_cases.first()
    data = form_data(
        actors,
        [
            {
                "id": kept.pk,
                **eligibility_case(territories=[department("94")], audiences=[audience("pmi")]),
            }
        ],
        title="Alixio",
        slug="alixio",
    )
    data["eligibility_cases-INITIAL_FORMS"] = "1"
    data["action-save"] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[alixio.pk]), data)
    assert response.status_code == 302, form_errors(response)
    second = AidPage.objects.get(pk=alixio.pk).get_latest_revision()
    assert second.pk != first.pk
    for earlier, later in (("live", second.pk), (first.pk, second.pk), (first.pk, "latest")):
        url = reverse("wagtailadmin_pages:revisions_compare", args=[alixio.pk, earlier, later])
        response = client.get(url)
        assert response.status_code == 200, (earlier, later)
        html = response.content.decode()
        # The cases are under their panel's heading, each with its values.
        assert "Conditions qui varient selon le territoire ou le public" in html
        assert "Val-de-Marne (94)" in html and "PMI (petites et moyennes industries)" in html
        assert "Essonne (91)" in html  # the case removed


def test_copying_a_fiche_copies_its_cases(client, alixio, guide):
    url = reverse("wagtailadmin_pages:copy", args=[alixio.pk])
    response = client.post(
        url,
        {
            "new_title": "Alixio (copie)",
            "new_slug": "alixio-copie",
            "new_parent_page": guide[1].pk,
            "copy_subpages": False,
            "publish_copy": False,
            "alias": False,
        },
    )
    assert response.status_code == 302
    copy = AidPage.objects.get(slug="alixio-copie")
    assert case_values(copy) == ALIXIO_VALUES
    assert case_values(copy.get_latest_revision_as_object()) == ALIXIO_VALUES
    # Rows of their own: changing the copy's case leaves the original's alone.
    assert not set(copy.eligibility_cases.values_list("pk", flat=True)) & set(
        alixio.eligibility_cases.values_list("pk", flat=True)
    )
    assert Page.objects.get(pk=copy.pk).specific.aid_uuid != alixio.aid_uuid


def post_new(client, guide, actors, cases, **overrides):
    client.force_login(get_superuser())
    data = form_data(actors, cases, **overrides)
    data["action-publish"] = "1"
    return client.post(add_url(guide), data)


def get_superuser():
    model = get_user_model()
    return model.objects.filter(username="admin").first() or model.objects.create_superuser(
        "admin", "admin@exemple.example", "pw"
    )


def test_a_blank_case_added_at_the_end_is_ignored(client, guide, actors):
    response = post_new(client, guide, actors, [alixio_cases()[0], eligibility_case()])
    assert response.status_code == 302, form_errors(response)
    assert case_values(AidPage.objects.get(slug="pret-honneur-bievre")) == ALIXIO_VALUES[:1]


def test_a_case_without_any_criterion_is_refused_in_french(client, guide, actors):
    """A blank case between two cases is a line the editor kept: it would hold for everyone,
    so it is refused, and the other cases are still in the form as typed."""
    first, second = alixio_cases()
    response = post_new(client, guide, actors, [first, eligibility_case(), second])
    assert response.status_code == 200
    errors = form_errors(response)["cases"]
    assert "Ce cas ne pose aucune condition" in errors[1]["__all__"][0]
    assert not errors[0] and not errors[2]
    html = response.content.decode()
    assert "Ce cas ne pose aucune condition" in html
    assert not AidPage.objects.filter(slug="pret-honneur-bievre").exists()
    # The Essonne case's typed maximum staff is still in the form.
    assert 'name="eligibility_cases-2-staff_max"' in html
    form = response.context["form"].formsets["eligibility_cases"].forms[2]
    assert form["staff_max"].value() == "250"


def test_a_case_with_only_an_establishment_condition_is_kept(client, guide, actors):
    only = eligibility_case(establishment=Establishment.ESTABLISHED)
    response = post_new(client, guide, actors, [only])
    assert response.status_code == 302, form_errors(response)
    page = AidPage.objects.get(slug="pret-honneur-bievre")
    assert page.eligibility_cases.get().establishment == "implantee"


def test_a_case_outside_the_fiche_territory_is_refused_naming_it(client, guide, actors):
    response = post_new(client, guide, actors, alixio_cases(), territories=(department("94").pk,))
    assert response.status_code == 200
    errors = form_errors(response)["cases"]
    assert not errors[0]
    message = errors[1]["territories"][0]
    assert message.startswith("« Essonne (91) » n'est pas dans le territoire de la fiche")
    assert "(Val-de-Marne (94))" in message
    assert not AidPage.objects.filter(slug="pret-honneur-bievre").exists()
    # The ticked boxes stay ticked.
    form = response.context["form"].formsets["eligibility_cases"].forms[1]
    assert [str(pk) for pk in form["territories"].value()] == [str(department("91").pk)]


def test_a_case_part_of_the_fiche_territory_or_meeting_it_is_accepted(client, guide, actors):
    """The EPT spans both départements: its Essonne case shares Athis-Mons with it; a
    commune case is inside it."""
    ept = Territory.objects.get(kind="EPCI")
    athis = Territory.objects.get(kind="COM", name="Athis-Mons")
    cases = [
        eligibility_case(territories=[department("91")], audiences=[audience("pmi")]),
        eligibility_case(territories=[athis], audiences=[audience("pme")]),
    ]
    response = post_new(client, guide, actors, cases, territories=(ept.pk,))
    assert response.status_code == 302, form_errors(response)


def test_a_draft_without_territory_keeps_its_cases(client, guide, actors):
    client.force_login(get_superuser())
    data = form_data(actors, alixio_cases(), territories=())
    data["action-save"] = "1"
    response = client.post(add_url(guide), data)
    assert response.status_code == 302, form_errors(response)
    assert case_values(AidPage.objects.get(slug="pret-honneur-bievre")) == ALIXIO_VALUES


def test_a_case_staff_minimum_above_its_maximum_is_refused(client, guide, actors):
    case = eligibility_case(territories=[department("91")], staff_min="50", staff_max="10")
    response = post_new(client, guide, actors, [case])
    assert response.status_code == 200
    errors = form_errors(response)["cases"]
    assert "ne peut pas être inférieur au minimum" in errors[0]["staff_max"][0]
    form = response.context["form"].formsets["eligibility_cases"].forms[0]
    assert (form["staff_min"].value(), form["staff_max"].value()) == ("50", "10")


def test_a_case_territories_are_ticked_in_a_list_explained_by_its_help_text(client, alixio):
    """As the fiche's own territories: checkboxes, and a help text says where to look."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[alixio.pk]))
    html = response.content.decode()
    assert "le plus souvent un département (après les communes dans la liste)" in html
    # The Essonne case's box is ticked.
    essonne = re.search(
        rf'<input[^>]*name="eligibility_cases-1-territories" value="{department("91").pk}"[^>]*>',
        html,
    )
    assert essonne and 'type="checkbox"' in essonne[0] and "checked" in essonne[0]
