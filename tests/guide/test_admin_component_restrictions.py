"""A financial component restricted to a territory, an audience or a sector, and aiding a
share of its units (« au plus 1 emploi créé sur 3 »), written in the fiche editor: French
messages on what cannot be, and the editor's typing kept."""

import pytest
from django.urls import reverse

from guide.models import AidPage, Audience, Sector, Territory
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

COMPONENT = "financial_components-0-"


@pytest.fixture
def post(guide, editor_client):
    operator = OrganisationFactory(name="Alixio")
    contact = ContactFactory(organisation=operator)
    url = reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide[1].pk])

    def post(**component):
        data = fiche_form_data(
            operator, contact, **{f"{COMPONENT}{name}": value for name, value in component.items()}
        )
        data["action-publish"] = "1"
        return editor_client.post(url, data)

    return post


def component_form(response):
    return response.context["form"].formsets["financial_components"].forms[0]


def test_a_grant_for_one_job_in_three_reserved_to_essonne_industrial_smes(post):
    essonne = Territory.objects.get(kind="DEP", code="91")
    pmi = Audience.objects.get(slug="pmi")
    industry = Sector.objects.get(slug="industrie")
    response = post(
        territory=essonne.pk,
        audience=pmi.pk,
        sector=industry.pk,
        unit_share_count="1",
        unit_share_total="3",
    )
    assert response.status_code == 302
    component = AidPage.objects.get(slug="pret-honneur-bievre").financial_components.get()
    assert (component.territory, component.audience, component.sector) == (essonne, pmi, industry)
    assert (component.unit_share_count, component.unit_share_total) == (1, 3)
    assert component.unit_share_text == "au plus 1 emploi créé sur 3"


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        (
            {"unit_share_count": "1"},
            "unit_share_total",
            "Remplissez les deux nombres : « 1 » sur « 3 » pour au plus une unité sur trois.",
        ),
        (
            {"unit_share_total": "3"},
            "unit_share_count",
            "Remplissez les deux nombres : « 1 » sur « 3 » pour au plus une unité sur trois.",
        ),
        (
            {"unit_share_count": "4", "unit_share_total": "3"},
            "unit_share_count",
            "Le nombre d'unités aidées (4) ne peut pas dépasser le total (3).",
        ),
        (
            {"unit_share_count": "1", "unit_share_total": "3", "unit": "beneficiaire"},
            "unit_share_count",
            "Une part des unités demande un montant par unité (par emploi créé...).",
        ),
        (
            {"unit_share_count": "0", "unit_share_total": "3"},
            "unit_share_count",
            "Assurez-vous que cette valeur est supérieure ou égale à 1.",
        ),
    ],
)
def test_a_share_of_the_units_that_cannot_be_is_refused_in_french(post, typed, field, message):
    essonne = Territory.objects.get(kind="DEP", code="91")
    response = post(territory=essonne.pk, conditions="Au plus un tiers des emplois", **typed)
    assert response.status_code == 200
    form = component_form(response)
    assert form.errors[field] == [message]
    assert not AidPage.objects.filter(slug="pret-honneur-bievre").exists()
    # What the editor typed is still there, in the form and on the page sent back.
    for name, value in typed.items():
        assert str(form[name].value()) == value
    assert str(form["territory"].value()) == str(essonne.pk)
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    assert "Au plus un tiers des emplois" in html
