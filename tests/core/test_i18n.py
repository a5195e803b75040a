"""The addresses of a page's routes in each language (core/i18n.py, ``route_links``), shared by
the questionnaire (``mon-projet/``) and the results page's programme routes."""

import pytest
from wagtail.models import Page

from core.i18n import route_links
from guide.matching.page import questionnaire_context
from tests.support.factories import AidIndexPageFactory, HomePageFactory
from tests.support.pages import translate_guide


@pytest.mark.django_db
def test_a_route_has_its_canonical_address_and_one_alternate_per_live_translation(rf, guide):
    _home, index = guide
    translated = translate_guide(guide)
    request = rf.get("/aides/mon-projet/?commune=94041")
    links = route_links(index, request, "mon-projet/")
    assert links["canonical"] == "http://testserver/aides/mon-projet/"
    assert links["alternates"] == [
        ("fr", "http://testserver/aides/mon-projet/"),
        ("en", f"http://testserver{translated.index.url}mon-projet/"),
    ]


@pytest.mark.django_db
def test_a_page_outside_every_site_has_no_address_and_the_questionnaire_still_renders(rf, guide):
    """A guide under a home that is no site's root (being built, or previewed): ``get_url()``
    is None. Its routes have no canonical address, and its translations none either."""
    lost_home = HomePageFactory(parent=Page.get_first_root_node(), slug="sans-site")
    lost_guide = AidIndexPageFactory(parent=lost_home, slug="aides")
    request = rf.get("/aides/mon-projet/")
    assert lost_guide.get_url(request) is None
    assert route_links(lost_guide, request, "mon-projet/") == {
        "canonical": None,
        "alternates": [],
    }
    context = questionnaire_context(lost_guide, request)
    assert context["canonical"] is None and context["alternates"] == []
