"""Embeds: one fiche's card or a filtered list, frameable by any site, nothing else is."""

import pytest

from embeds.theme import Theme, contrast_with_white
from permalinks.models import PermanentLink
from tests.support.factories import AidPageFactory


def code_of(page):
    return PermanentLink.objects.get(aid_uuid=page.aid_uuid).code


@pytest.fixture
def fiches(guide_index):
    return {
        "loan": AidPageFactory(
            parent=guide_index, title="Prêt honneur Bièvre", slug="pret", aid_types=["pret"]
        ),
        "grant": AidPageFactory(
            parent=guide_index, title="Subvention innovation", slug="innovation"
        ),
    }


@pytest.mark.django_db
def test_the_card_is_frameable_and_shows_the_referral_note(client, fiches):
    response = client.get(f"/embed/aide/{code_of(fiches['loan'])}/")
    assert response.status_code == 200
    assert "frame-ancestors *;" in response["Content-Security-Policy"] + ";"
    assert "X-Frame-Options" not in response
    content = response.content.decode()
    assert "<h1" in content and "Prêt honneur Bièvre" in content
    assert "À contacter de la part du Grand-Orly Seine Bièvre" in content
    assert 'href="http://localhost/aides/pret/"' in content and 'target="_blank"' in content
    assert "site-header" not in content and "pied-de-page" not in content


@pytest.mark.django_db
def test_every_other_page_refuses_to_be_framed(client, fiches):
    for url in ("/", "/aides/", "/aides/pret/", f"/a/{code_of(fiches['loan'])}/"):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors *" not in response.get("Content-Security-Policy", "")


@pytest.mark.django_db
def test_the_list_takes_the_listing_filters(client, fiches):
    response = client.get("/embed/aides/", {"type": "pret", "couleur": "00545c", "n": "3"})
    assert response.status_code == 200
    assert "frame-ancestors *;" in response["Content-Security-Policy"] + ";"
    content = response.content.decode()
    assert "Prêt honneur Bièvre" in content and "Subvention innovation" not in content
    # The link to the whole list keeps the filters and drops the embed's own parameters.
    assert 'href="/aides/?type=pret"' in content


@pytest.mark.django_db
def test_the_list_size_is_bounded(client, guide_index):
    for n in range(8):
        AidPageFactory(parent=guide_index, title=f"Aide {n}")
    count = client.get("/embed/aides/", {"n": "2"}).content.decode().count('class="embed-card"')
    assert count == 2
    assert client.get("/embed/aides/", {"n": "x"}).content.decode().count('class="embed-card"') == 5
    assert "Voir les 8 aides" in client.get("/embed/aides/").content.decode()


@pytest.mark.django_db
def test_drafts_and_unknown_codes_are_not_embedded(client, guide_index):
    draft = AidPageFactory(parent=guide_index, live=False)
    assert client.get(f"/embed/aide/{code_of(draft)}/").status_code == 404
    assert client.get("/embed/aide/ZZZZZ/").status_code == 404
    assert draft.title not in client.get("/embed/aides/").content.decode()


@pytest.mark.parametrize(
    ("query", "accent"),
    [
        ({"couleur": "00545c"}, "#00545c"),
        ({"couleur": "#7A1F5C"}, "#7a1f5c"),
        ({"couleur": "ffff00"}, ""),  # yellow on white: unreadable, ignored
        ({"couleur": "red"}, ""),
        ({"couleur": "00545c;background:url(x)"}, ""),
        ({}, ""),
    ],
)
def test_theme_colour_is_validated_and_must_be_readable(query, accent):
    assert Theme.from_query(query).accent == accent


def test_contrast_formula():
    assert round(contrast_with_white("000000"), 1) == 21.0
    assert round(contrast_with_white("ffffff"), 1) == 1.0


@pytest.mark.django_db
def test_compact_mode_keeps_the_essentials(client, fiches):
    url = f"/embed/aide/{code_of(fiches['loan'])}/"
    full = client.get(url).content.decode()
    compact = client.get(url, {"compact": "1", "couleur": "7a1f5c"}).content.decode()
    promesse = fiches["loan"].promesse
    assert promesse in full and promesse not in compact
    assert "À contacter de la part du Grand-Orly Seine Bièvre" in compact
    assert "--brand: #7a1f5c" in compact and "embed--compact" in compact


@pytest.mark.django_db
def test_the_fiche_offers_its_permanent_link_and_the_iframe_code(client, fiches):
    content = client.get("/aides/pret/").content.decode()
    code = code_of(fiches["loan"])
    assert f'value="http://testserver/a/{code}/"' in content
    # The iframe has a title naming the fiche (RGAA: titled frames).
    assert (
        f'&lt;iframe src="http://testserver/embed/aide/{code}/" '
        'title="Aide : Prêt honneur Bièvre – Guide des aides' in content
    )
    assert "mailto:?subject=" in content and "linkedin.com/sharing" in content
