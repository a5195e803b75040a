"""The fiche editor says what goes where (issue 21, « Field meaning »): fields named for what
they do, ASCII page addresses, funders as checkboxes of the fiche's territory, aid types taken
from the components' natures, the national id shown to administrators only, rich-text editors
named by their label."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from guide.models import AidPage, AidType
from guide.roles import ADMINISTRATORS, EDITORS, REVIEWERS, role_group
from home.models import ContentPage
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import (
    AidPageFactory,
    ContactFactory,
    ContentPageFactory,
    OrganisationFactory,
)
from tests.support.sites import make_second_site


def sign_in(client, django_user_model, role):
    """A member of ``role``'s group of the default site's team, or a superuser (None)."""
    if role is None:
        user = django_user_model.objects.create_superuser("admin", "a@exemple.example", "pw")
    else:
        user = django_user_model.objects.create_user("membre", "m@exemple.example", "pw")
        user.groups.add(role_group(role))
    client.force_login(user)
    return client


@pytest.fixture
def superuser(guide, client, django_user_model):
    return sign_in(client, django_user_model, None)


@pytest.fixture
def add_url(guide):
    return reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide[1].pk])


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def labels(soup):
    return {" ".join(label.get_text(" ", strip=True).split()) for label in soup.find_all("label")}


# Page addresses


def test_a_new_fiche_gets_an_ascii_address_from_its_title(guide):
    # Wagtail's model fills an empty address from the title (its script does the same in the
    # editor: tests/browser/test_admin_fiche_editor_a11y.py).
    fiche = AidPageFactory(parent=guide[1], title="Subvention à l'embauche", slug="")
    assert fiche.slug == "subvention-a-lembauche"
    assert fiche.url.endswith("/subvention-a-lembauche/")


def test_a_typed_address_with_accents_is_refused_with_the_address_to_use(guide, superuser, add_url):
    data = fiche_form_data(OrganisationFactory(), ContactFactory(), slug="subvention-à-lembauche")
    data["action-save"] = "1"
    response = superuser.post(add_url, data)
    assert response.status_code == 200  # the form comes back with what was typed
    [message] = response.context["form"].errors["slug"]
    assert "sans accents" in message and "subvention-a-lembauche" in message
    assert not AidPage.objects.filter(title="Prêt d'honneur Bièvre").exists()


def test_a_page_that_already_has_an_accented_address_keeps_it(guide):
    fiche = AidPageFactory(parent=guide[1], title="Prime à l'export")
    AidPage.objects.filter(pk=fiche.pk).update(slug="prime-à-lexport")  # made before the setting
    fiche.refresh_from_db()
    fiche.promesse = "Exportez plus"
    fiche.save()  # Page.save cleans: the unchanged address is accepted
    fiche.slug = "prime-à-l-export"
    with pytest.raises(ValidationError) as refused:
        fiche.full_clean()
    assert "prime-a-l-export" in refused.value.message_dict["slug"][0]


# Labels and help texts


def test_the_promotion_tab_names_its_fields_for_what_they_do(guide, superuser, add_url):
    soup = soup_of(superuser.get(add_url))
    names = labels(soup)
    assert "Adresse de la page *" in names  # required
    assert "Titre pour les moteurs de recherche" in names
    assert "Description pour les moteurs de recherche" in names
    assert not {"Slug", "Balise titre", "Faire apparaître dans les menus"} & names
    assert soup.find(attrs={"name": "show_in_menus"}) is None  # fiches are in no menu
    # A typed address is transliterated when the field is left, not stripped of its accents.
    assert "blur->w-slug#urlify" in soup.find(id="id_slug")["data-action"]
    help_text = soup.find(id=soup.find(id="id_slug")["aria-describedby"])
    # The resulting address: the guide's address followed by the page's.
    assert f"{guide[1].get_full_url()}adresse-de-la-page/" in help_text.get_text()


def test_the_address_help_text_shows_an_existing_page_address(guide, superuser):
    fiche = AidPageFactory(parent=guide[1], title="Prime export", slug="prime-export")
    soup = soup_of(superuser.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk])))
    assert f"{guide[1].get_full_url()}prime-export/" in soup.get_text()


def test_footer_pages_keep_their_footer_link_under_a_plain_name(guide, superuser):
    page = ContentPageFactory(parent=guide[0], title="Mentions légales")
    soup = soup_of(superuser.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert "Lien dans le pied de page" in labels(soup)
    assert soup.find(attrs={"name": "show_in_menus"}) is not None
    assert ContentPage.promote_panels[-1].field_name == "show_in_menus"


def test_no_inclusive_parenthesis_wording_in_the_editor(guide, superuser, add_url):
    fiche = AidPageFactory(parent=guide[1], title="Prime export")
    for url in (add_url, reverse("wagtailadmin_pages:edit", args=[fiche.pk])):
        text = " ".join(soup_of(superuser.get(url)).get_text(" ").split())
        for wording in ("Nouvel(le)", "Ce(tte)", "un(e)", "(e)", "le/la"):
            assert wording not in text, url
        assert "Ajouter : Volet financier" in text


# Rich text


def test_the_rich_text_editors_are_named_by_their_label(guide, superuser, add_url):
    soup = soup_of(superuser.get(add_url))
    for name in ("description", "how_to_apply"):
        field = soup.find("input", attrs={"name": name})
        options = json.loads(field["data-w-init-detail-value"])
        assert options["ariaLabelledBy"] == f"id_{name}-label"
        label = soup.find(id=f"id_{name}-label")
        assert label is not None and label.get_text(strip=True).lower().startswith(
            {"description": "description", "how_to_apply": "comment"}[name]
        )
        assert options["ariaDescribedBy"] == field["aria-describedby"]
        assert soup.find(id=options["ariaDescribedBy"]) is not None  # the help text


# Funders


def test_funders_are_checkboxes_of_the_fiche_territory_and_shared_ones(guide, superuser, add_url):
    own = OrganisationFactory(name="Bpifrance Île-de-France")
    shared = OrganisationFactory(name="Banque des Territoires", site=None)
    other = make_second_site()
    elsewhere = OrganisationFactory(name="CCI Marseille", site=other.site)
    soup = soup_of(superuser.get(add_url))
    offered = {box["value"] for box in soup.find_all("input", attrs={"name": "funders"})}
    assert all(box["type"] == "checkbox" for box in soup.find_all(attrs={"name": "funders"}))
    assert {str(own.pk), str(shared.pk)} <= offered
    assert str(elsewhere.pk) not in offered


def test_a_funder_of_another_territory_already_named_stays_offered(guide, superuser):
    other = make_second_site()
    elsewhere = OrganisationFactory(name="CCI Marseille", site=other.site)
    fiche = AidPageFactory(parent=guide[1], title="Prime export")
    fiche.funders.set([elsewhere])
    fiche.save()
    soup = soup_of(superuser.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk])))
    checked = soup.find("input", attrs={"name": "funders", "value": str(elsewhere.pk)})
    assert checked is not None and checked.has_attr("checked")


# Aid types from the components' natures


def test_a_component_nature_is_added_to_the_ticked_types(guide, superuser, add_url):
    loan, grant = AidType.objects.get(slug="pret"), AidType.objects.get(slug="subvention")
    data = fiche_form_data(OrganisationFactory(), ContactFactory())
    data["financial_components-0-aid_type"] = str(grant.pk)
    data["action-publish"] = "1"
    response = superuser.post(add_url, data)
    assert response.status_code == 302
    page = AidPage.objects.get(slug="pret-honneur-bievre")
    assert set(page.aid_types.all()) == {loan, grant}


def test_a_fiche_whose_types_all_come_from_its_components_publishes(guide, superuser, add_url):
    data = fiche_form_data(OrganisationFactory(), ContactFactory(), aid_types=())
    data["action-publish"] = "1"
    response = superuser.post(add_url, data)
    assert response.status_code == 302
    page = AidPage.objects.get(slug="pret-honneur-bievre")
    assert page.live and [t.slug for t in page.aid_types.all()] == ["pret"]


def test_without_components_a_type_is_still_required_to_publish(guide, superuser, add_url):
    data = fiche_form_data(
        OrganisationFactory(),
        ContactFactory(),
        aid_types=(),
        financial_components=inline_formset([]),
    )
    data["action-publish"] = "1"
    response = superuser.post(add_url, data)
    assert response.status_code == 200
    assert "aid_types" in response.context["form"].errors


def test_a_removed_component_adds_no_type(guide, superuser, add_url):
    grant = AidType.objects.get(slug="subvention")
    data = fiche_form_data(OrganisationFactory(), ContactFactory())
    data["financial_components-0-aid_type"] = str(grant.pk)
    data["financial_components-0-DELETE"] = "1"
    data["action-save"] = "1"
    assert superuser.post(add_url, data).status_code == 302
    page = AidPage.objects.get(slug="pret-honneur-bievre")
    assert [t.slug for t in page.latest_revision.as_object().aid_types.all()] == ["pret"]


# Fields for administrators only


@pytest.mark.parametrize(
    ("role", "sees_the_id"),
    [(EDITORS, False), (REVIEWERS, False), (ADMINISTRATORS, True), (None, True)],
)
def test_the_national_id_is_shown_to_administrators_only(
    guide, client, django_user_model, role, sees_the_id
):
    fiche = AidPageFactory(parent=guide[1], title="Prime export")
    sign_in(client, django_user_model, role)
    soup = soup_of(client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk])))
    assert (str(fiche.aid_uuid) in soup.get_text()) is sees_the_id
    assert "Cochée, la fiche est l'une des aides présentées" in soup.get_text()
    assert soup.find(attrs={"name": "aid_uuid"}) is None  # never editable
