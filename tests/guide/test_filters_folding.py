"""The listing's filters are folded on every width while there are results (the results come
first), and unfolded when the filters are why nothing is found or a value is invalid: in the
HTML, so that it holds without JavaScript (the script no longer opens them on wide screens).
Words alone finding nothing keep them folded: the explanation and the ways out come first."""

import re
from pathlib import Path

import pytest

SITE_JS = Path(__file__).resolve().parents[2] / "home" / "static" / "js" / "site.js"


def filters_tag(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return re.search(r'<details class="filters"[^>]*>', response.content.decode()).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=pr%C3%AAt",
        "?type=pret&commune=vitry-sur-seine",
        "?q=introuvablexyz",  # nothing found, but no filter to change: the reason comes first
    ],
)
def test_with_results_or_words_alone_the_filters_are_folded(client, demo_guide, query):
    assert " open" not in filters_tag(client, demo_guide.url + query)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?q=introuvablexyz&type=pret&statut=tous",  # nothing found, with filters
        "?type=hebergement&etape=recrutement&commune=vitry-sur-seine",  # the filters find nothing
        "?effectif=beaucoup",  # an invalid value: the form shows why, around the field
    ],
)
def test_without_results_or_with_an_invalid_value_the_filters_are_open(client, demo_guide, query):
    response = client.get(demo_guide.url + query)
    if "effectif=beaucoup" not in query:
        assert response.context["outcome"].total == 0
    assert filters_tag(client, demo_guide.url + query).endswith(" open>")


def test_no_script_unfolds_the_filters():
    assert "filters.open" not in SITE_JS.read_text(encoding="utf-8")
