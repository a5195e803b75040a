"""Links that never break: short codes, redirects after renaming or moving, 410 for deleted
fiches."""

import pytest
from wagtail.models import Locale

from guide.models import AidPage
from permalinks.models import ALPHABET, CODE_LENGTH, PermanentLink, normalize_code
from tests.support.factories import AidIndexPageFactory, AidPageFactory


@pytest.fixture
def publish_slug(django_capture_on_commit_callbacks):
    """Publish a new slug as the editor does; Wagtail creates the redirect on commit."""

    def publish(page, slug):
        page = AidPage.objects.get(pk=page.pk)
        page.slug = slug
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return AidPage.objects.get(pk=page.pk)

    return publish


def code_of(page):
    return PermanentLink.objects.get(aid_uuid=page.aid_uuid).code


def test_codes_are_read_forgivingly():
    assert normalize_code(" k7m2q ") == "K7M2Q"
    assert normalize_code("OIL") == "011"  # O read as zero, I and L as one


@pytest.mark.django_db
def test_every_fiche_gets_a_short_unambiguous_code(guide_index):
    fiches = [AidPageFactory(parent=guide_index) for _ in range(20)]
    codes = [code_of(fiche) for fiche in fiches]
    assert len(set(codes)) == 20
    assert all(len(code) == CODE_LENGTH and set(code) <= set(ALPHABET) for code in codes)
    # Saving again keeps the code.
    fiches[0].save_revision().publish()
    assert code_of(fiches[0]) == codes[0]


@pytest.mark.django_db
def test_the_short_code_redirects_permanently_to_the_fiche(client, guide_index):
    fiche = AidPageFactory(parent=guide_index, slug="pret-honneur")
    code = code_of(fiche)
    for typed in (code, code.lower()):
        response = client.get(f"/a/{typed}/")
        assert response.status_code == 301
        assert response["Location"] == "/aides/pret-honneur/"
    assert client.get("/a/ZZZZZ/").status_code == 404


@pytest.mark.django_db
def test_renaming_keeps_old_links_working(client, guide_index, publish_slug):
    fiche = AidPageFactory(parent=guide_index, slug="pret-honneur")
    code = code_of(fiche)
    publish_slug(fiche, "pret-d-honneur-bievre")
    old = client.get("/aides/pret-honneur/")
    assert old.status_code == 301 and old["Location"] == "/aides/pret-d-honneur-bievre/"
    assert client.get(f"/a/{code}/")["Location"] == "/aides/pret-d-honneur-bievre/"
    # A second renaming: both former addresses lead to the current one.
    publish_slug(fiche, "pret-honneur-2026")
    for former in ("/aides/pret-honneur/", "/aides/pret-d-honneur-bievre/"):
        assert client.get(former)["Location"] == "/aides/pret-honneur-2026/"
    assert client.get("/aides/pret-honneur-2026/").status_code == 200


@pytest.mark.django_db
def test_moving_keeps_old_links_working(client, guide):
    home, index = guide
    other = AidIndexPageFactory(parent=home, title="Aides à l'emploi", slug="emploi")
    fiche = AidPageFactory(parent=index, slug="recrutement")
    code = code_of(fiche)
    AidPage.objects.get(pk=fiche.pk).move(other, pos="last-child")
    response = client.get("/aides/recrutement/")
    assert response.status_code == 301 and response["Location"] == "/emploi/recrutement/"
    assert client.get(f"/a/{code}/")["Location"] == "/emploi/recrutement/"


@pytest.mark.django_db
def test_a_closed_fiche_still_answers_with_its_banner(client, guide_index):
    fiche = AidPageFactory(parent=guide_index, slug="katalyse", manual_state="epuisee")
    response = client.get(f"/a/{code_of(fiche)}/", follow=True)
    assert response.status_code == 200
    assert "Enveloppe épuisée" in response.content.decode()


@pytest.mark.django_db
def test_a_deleted_fiche_answers_410_with_a_link_to_the_guide(client, guide_index, publish_slug):
    fiche = AidPageFactory(parent=guide_index, title="Prêt Katalyse", slug="katalyse")
    code = code_of(fiche)
    publish_slug(fiche, "katalyse-2023")  # a former address, redirected until the deletion
    AidPage.objects.get(pk=fiche.pk).delete()
    for url in ("/aides/katalyse-2023/", "/aides/katalyse/", f"/a/{code}/"):
        response = client.get(url)
        assert response.status_code == 410, url
        content = response.content.decode()
        assert "Prêt Katalyse" in content and 'href="/aides/"' in content
    assert client.get("/aides/never-existed/").status_code == 404


@pytest.mark.django_db
def test_a_new_fiche_may_take_the_address_of_a_deleted_one(client, guide_index):
    AidPageFactory(parent=guide_index, slug="katalyse").delete()
    assert client.get("/aides/katalyse/").status_code == 410
    AidPageFactory(parent=guide_index, slug="katalyse")
    assert client.get("/aides/katalyse/").status_code == 200


@pytest.mark.django_db
def test_an_unpublished_fiche_is_gone_for_visitors(client, guide_index):
    fiche = AidPageFactory(parent=guide_index, slug="retiree")
    AidPage.objects.get(pk=fiche.pk).unpublish()
    assert client.get(f"/a/{code_of(fiche)}/").status_code == 410


@pytest.mark.django_db
def test_the_code_leads_to_the_fiche_in_the_visitor_language(client, guide):
    home, index = guide
    fiche = AidPageFactory(parent=index, slug="pret-honneur")
    english = Locale.objects.create(language_code="en")
    for page in (home, index):
        page.copy_for_translation(english, copy_parents=False).save_revision().publish()
    translated = fiche.copy_for_translation(english)
    translated.slug = "honour-loan"
    translated.save_revision().publish()
    code = code_of(fiche)
    assert PermanentLink.objects.count() == 1  # the translation shares the code
    assert client.get(f"/a/{code}/")["Location"] == "/aides/pret-honneur/"
    assert client.get(f"/en/a/{code}/")["Location"] == "/en/aides/honour-loan/"
    # No English version: the French one.
    other = AidPageFactory(parent=index, slug="subvention")
    assert client.get(f"/en/a/{code_of(other)}/")["Location"] == "/aides/subvention/"
    # The unprefixed code follows the browser's language, or the language cookie.
    english_browser = client.get(f"/a/{code}/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,fr;q=0.5")
    assert english_browser["Location"] == "/en/aides/honour-loan/"
    assert "Accept-Language" in english_browser["Vary"]
    assert client.get(f"/a/{code}/", HTTP_ACCEPT_LANGUAGE="de-DE,de")["Location"] == (
        "/aides/pret-honneur/"
    )
    assert client.get(f"/en/a/{code}/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == (
        "/en/aides/honour-loan/"
    )
    client.cookies["django_language"] = "en"
    assert client.get(f"/a/{code}/")["Location"] == "/en/aides/honour-loan/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/\n\x00", "/aides/fiche-\x00/", "/\x00"])
def test_an_address_with_a_nul_byte_is_not_found_not_a_server_error(client, guide_index, path):
    """Found by the API's fuzzing on PostgreSQL, which refuses NUL in a query parameter: the
    lookup of a deleted fiche's address must not send it one."""
    AidPageFactory(parent=guide_index, title="Prêt d'honneur")
    assert client.get(path).status_code == 404
