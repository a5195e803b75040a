"""The duplicate guard: a fiche that looks like an existing one gets a warning with links."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from guide.duplicates import similar_fiches, title_key, url_key
from guide.models import AidPage
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory


def test_title_key_keeps_the_meaningful_words():
    assert title_key("Le Prêt d'honneur  de Bièvre !") == "pret honneur bievre"


@pytest.mark.parametrize(
    "url",
    ["https://www.katalyse.com/aide/", "http://katalyse.com/aide", "https://KATALYSE.com/aide?x=1"],
)
def test_url_key_ignores_scheme_www_case_query_and_trailing_slash(url):
    assert url_key(url) == "katalyse.com/aide"


@pytest.mark.django_db
class TestSimilarFiches:
    @pytest.fixture
    def existing(self, guide_index):
        return AidPageFactory(
            parent=guide_index,
            title="Prêt d'honneur Bièvre",
            operator_url="https://www.initiative-bievre.example/pret/",
        )

    def test_a_close_title_is_a_candidate(self, guide_index, existing):
        new = AidPage(title="Pret d'honneur  bievre", locale=existing.locale)
        [candidate] = similar_fiches(new)
        assert candidate.page == existing and "titre" in str(candidate.reason)

    def test_another_aid_of_the_same_family_is_not(self, guide_index, existing):
        new = AidPage(title="Prêt d'honneur Orly", locale=existing.locale)
        assert similar_fiches(new) == []

    def test_the_same_operator_link_is_a_candidate_whatever_the_title(self, existing):
        new = AidPage(
            title="Un tout autre nom",
            operator_url="http://initiative-bievre.example/pret",
            locale=existing.locale,
        )
        [candidate] = similar_fiches(new)
        assert candidate.page == existing and "lien" in str(candidate.reason)

    def test_a_fiche_is_not_its_own_duplicate(self, existing):
        assert similar_fiches(existing) == []

    def test_candidates_are_sorted_and_capped(self, guide_index, existing):
        for n in range(7):
            AidPageFactory(parent=guide_index, title=f"Prêt d'honneur Bièvre {n}")
        new = AidPage(title="Prêt d'honneur Bièvre", locale=existing.locale)
        candidates = similar_fiches(new)
        assert len(candidates) == 5
        assert candidates[0].page == existing  # identical words first


@pytest.mark.django_db
def test_creating_a_duplicate_warns_with_links_and_the_editor_lists_them(
    guide_index, editor_client
):
    existing = AidPageFactory(parent=guide_index, title="Prêt d'honneur Bièvre", slug="pret")
    operator = OrganisationFactory(name="Initiative Bièvre")
    data = fiche_form_data(operator, ContactFactory(organisation=operator), slug="pret-bis")
    data["action-save"] = "1"
    url = reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide_index.pk])
    response = editor_client.post(url, data)
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    edit_existing = reverse("wagtailadmin_pages:edit", args=[existing.pk])
    assert len(warnings) == 1 and f'href="{edit_existing}"' in warnings[0]
    assert "doublon" in warnings[0]

    new = type(existing).objects.get(slug="pret-bis")
    page = editor_client.get(reverse("wagtailadmin_pages:edit", args=[new.pk])).content.decode()
    assert "Vérifiez qu'il ne s'agit pas d'un doublon" in page
    assert f'href="{edit_existing}"' in page


@pytest.mark.django_db
def test_no_warning_for_a_distinct_fiche(guide_index, editor_client):
    AidPageFactory(parent=guide_index, title="Subvention innovation", slug="innovation")
    operator = OrganisationFactory(name="Initiative Bièvre")
    data = fiche_form_data(operator, ContactFactory(organisation=operator))
    data["action-save"] = "1"
    url = reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide_index.pk])
    response = editor_client.post(url, data)
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    new = (
        type(guide_index)
        .objects.get(pk=guide_index.pk)
        .get_children()
        .get(slug="pret-honneur-bievre")
    )
    page = editor_client.get(reverse("wagtailadmin_pages:edit", args=[new.pk])).content.decode()
    assert "doublon" not in page
