"""No dead ends (issue 23, item 3 and the 404 of item 8): a search that finds nothing says why in
one sentence and offers, in this order, the questionnaire, the needs tiles, the territory's
business contact (phone first) and only then the e-mail alert; suggestions only lead to fiches
the listing shows; the 404 page has a search box.

On the demo (``demo_guide``): Katalyse is closed, the territory's business contact is
« Service développement économique », 01 99 00 10 00."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from guide.listing.context import without
from guide.needs import NEEDS

pytestmark = pytest.mark.django_db

GUIDE = "/aides/"
ENGLISH_GUIDE = "/en/business-aid/"
PHONE_LINK = "tel:+33199001000"
AT_LEAST_ONE_WORD = "voici celles qui en contiennent au moins un"


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    return response, BeautifulSoup(response.content, "html.parser")


def no_results_block(soup):
    blocks = soup.select(".no-results")
    assert len(blocks) == 1
    return blocks[0]


def position(html, needle):
    index = html.find(needle)
    assert index >= 0, needle
    return index


def test_a_search_with_no_result_says_why_then_offers_help_before_the_alert(demo_guide, client):
    response, soup = get(client, GUIDE + "?q=introuvable")
    assert response.context["outcome"].total == 0
    block = no_results_block(soup)
    # One sentence, and no line claiming results that are not there.
    assert [p.get_text() for p in block.select(".no-results__why")] == [
        "Aucune fiche du guide ne contient « introuvable »."
    ]
    content = response.content.decode()
    assert AT_LEAST_ONE_WORD not in content
    assert "Aucune aide ne correspond à votre recherche" not in content
    # Nothing matches in another status either: no link to another empty page.
    assert "statut=tous" not in str(block)
    # In this order: questionnaire, needs tiles, business contact, alert. The alert is offered
    # once, inside the block (not above it, before any help).
    html = str(block)
    questionnaire = position(html, f'href="{GUIDE}mon-projet/"')
    needs = position(html, 'class="needs"')
    phone = position(html, f'href="{PHONE_LINK}"')
    email = position(html, 'href="mailto:')
    alert = position(html, 'class="alert-subscribe"')
    assert questionnaire < needs < phone < email < alert
    assert content.count('class="alert-subscribe"') == 1
    assert block.find("a", href=f"{GUIDE}mon-projet/").get_text() == (
        "Quelles aides pour mon projet ?"
    )
    # The contact comes with the referral note and its phone is a link to call.
    contact = block.select_one(".no-results__contact")
    assert "À contacter de la part du Grand-Orly Seine Bièvre" in contact.get_text()
    assert contact.find("a", href=PHONE_LINK).get_text().startswith("Appeler le")


def test_the_needs_tiles_are_the_home_pages(demo_guide, client):
    """The same include as the home page's: every need's link, with its label."""
    _response, soup = get(client, GUIDE + "?q=introuvable")
    tiles = no_results_block(soup).select(".needs a.need")
    _home, home = get(client, "/")
    home_tiles = home.select(".needs a.need")
    assert [(a["href"], a.get_text()) for a in tiles] == [
        (a["href"], a.get_text()) for a in home_tiles
    ]
    assert [a["href"] for a in tiles] == [GUIDE + need.querystring() for need in NEEDS]


def test_the_at_least_one_word_line_only_with_its_results(demo_guide, client):
    # Neither word is in any fiche: the fallback found nothing, so it is not announced.
    response, soup = get(client, GUIDE + "?q=introuvable+zzyzx")
    assert response.context["outcome"].broadened and response.context["outcome"].total == 0
    assert AT_LEAST_ONE_WORD not in response.content.decode()
    assert no_results_block(soup).select_one(".no-results__why").get_text() == (
        "Aucune fiche du guide ne contient « introuvable zzyzx », ni même un seul de ces mots."
    )
    # One word is: the fallback found fiches, it says so, and there is no no-result block.
    response, soup = get(client, GUIDE + "?q=zzyzx+pr%C3%AAt")
    assert response.context["outcome"].broadened and response.context["outcome"].total > 0
    assert AT_LEAST_ONE_WORD in response.content.decode()
    assert soup.select(".no-results") == []
    # With results, the alert stays where it was, above them.
    assert len(soup.select(".alert-subscribe")) == 1


def test_filters_with_no_result_say_so_and_each_link_drops_one(demo_guide, client):
    url = "?type=hebergement&etape=recrutement&commune=vitry-sur-seine"
    response, soup = get(client, GUIDE + url)
    assert response.context["outcome"].total == 0
    block = no_results_block(soup)
    assert block.select_one(".no-results__why").get_text() == (
        "Aucune aide ne remplit tous les filtres choisis à la fois."
    )
    links = [a["href"] for a in block.select(".no-results__filters a")]
    query = response.wsgi_request.GET
    assert links == [
        without(query, "type", "hebergement"),
        without(query, "etape", "recrutement"),
        without(query, "commune"),
    ]
    assert "Retirer « Votre projet : Recrutement »" in block.get_text()


def test_words_and_filters_with_no_result(demo_guide, client):
    response, soup = get(client, GUIDE + "?q=introuvable&type=garantie")
    block = no_results_block(soup)
    assert block.select_one(".no-results__why").get_text() == (
        "Aucune aide ne contient « introuvable » avec les filtres choisis."
    )
    # The words are one of the filters to remove.
    assert without(response.wsgi_request.GET, "q") in [
        a["href"] for a in block.select(".no-results__filters a")
    ]


def test_a_closed_fiche_searched_among_open_ones_points_to_the_other_statuses(demo_guide, client):
    response, soup = get(client, GUIDE + "?q=katalyse")
    block = no_results_block(soup)
    assert block.select_one(".no-results__why").get_text() == (
        "Aucune aide ouverte ne correspond, mais 1 aide clôturée ou à venir correspond."
    )
    link = block.find("a", string="Chercher aussi parmi les aides clôturées et à venir")
    assert "statut=tous" in link["href"]
    everywhere = client.get(GUIDE + link["href"])
    assert everywhere.context["outcome"].total == 1


@pytest.mark.parametrize("typed", ["katal", "Katalyse"])
def test_suggestions_leave_closed_fiches_out(demo_guide, client, typed):
    response = client.get("/recherche/suggestions/", {"q": typed})
    assert response.json() == {"suggestions": []}


@pytest.mark.parametrize("typed", ["pr", "fonds", "recru"])
def test_every_suggestion_leads_to_its_fiche_in_the_listing(demo_guide, client, typed):
    """A suggestion is a title the visitor then searches: never « 0 aide »."""
    suggestions = client.get("/recherche/suggestions/", {"q": typed}).json()["suggestions"]
    assert suggestions
    for suggestion in suggestions:
        listing = client.get(GUIDE, {"q": suggestion["title"]})
        found = [aid.get_url(listing.wsgi_request) for aid in listing.context["aids"]]
        assert suggestion["url"] in found, suggestion


def test_the_404_page_has_a_search_box_and_links_to_the_guide(demo_guide, client):
    response, soup = get(client, "/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert len(soup.find_all("h1")) == 1
    form = soup.select_one("main form[role=search]")
    assert form["method"] == "get" and form["action"] == GUIDE
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]}).get_text() == "Rechercher une aide"
    links = {a["href"] for a in soup.select("main a")}
    assert {GUIDE, GUIDE + "mon-projet/"} <= links
    # The box works without script: its GET lands on the listing's search.
    searched = client.get(form["action"], {"q": "prêt d'honneur"})
    assert searched.status_code == 200 and searched.context["outcome"].total > 0


def test_the_404_page_in_english_searches_the_english_guide(demo_guide, client):
    response, soup = get(client, "/en/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert soup.html["lang"] == "en"
    form = soup.select_one("main form[role=search]")
    assert form["action"] == ENGLISH_GUIDE
    with translation.override("en"):
        label = translation.gettext("Rechercher une aide")
    assert label != "Rechercher une aide"  # the catalogue is compiled
    assert form.find("label").get_text() == label
    assert ENGLISH_GUIDE + "mon-projet/" in {a["href"] for a in soup.select("main a")}


def test_an_english_search_with_no_result_offers_the_english_questionnaire(demo_guide, client):
    response, soup = get(client, ENGLISH_GUIDE + "?q=zzyzx")
    assert response.status_code == 200
    block = no_results_block(soup)
    assert block.find("a", href=ENGLISH_GUIDE + "mon-projet/")
    assert block.find("a", href=PHONE_LINK)
