"""What a visitor sees: the fiche, its status, its contact with the referral note."""

import datetime

import pytest
from django.utils import timezone

from guide.models import AidContact, FinancialComponent
from tests.support.factories import AidPageFactory, ContactFactory, ContentPageFactory

pytestmark = pytest.mark.django_db


def test_home_links_to_the_guide(client, home, guide_index):
    response = client.get(home.url)
    assert response.status_code == 200
    assert guide_index.url in response.content.decode()
    assert '<html lang="fr">' in response.content.decode()


def test_fiche_shows_figures_contact_and_referral_note(client, guide_index):
    aid = AidPageFactory(parent=guide_index, aid_types=["pret"], with_contact=False)
    FinancialComponent.objects.create(
        page=aid,
        aid_type=aid.aid_types.get(),
        label="Prêt à taux zéro",
        amount=15000,
        unit="emploi_cree",
        rate=0,
        duration_months=60,
        ceiling=225000,
    )
    contact = ContactFactory(name="Edith Blard", phone="+33619918462", publication_consent=True)
    AidContact.objects.create(page=aid, contact=contact, referral_note="Dites : de la part du GOSB")
    response = client.get(aid.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "15\u202f000\u00a0€ par emploi créé" in content
    assert "plafond 225\u202f000\u00a0€" in content
    assert "sur 5 ans" in content
    assert "Dites : de la part du GOSB" in content
    assert 'href="tel:+33619918462"' in content
    assert f'href="mailto:{contact.email}"' in content


def test_closed_fiche_stays_online_with_a_banner(client, guide_index):
    past = timezone.localdate() - datetime.timedelta(days=3)
    aid = AidPageFactory(parent=guide_index, closing_date=past)
    response = client.get(aid.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cette aide est clôturée depuis le" in content
    assert "La fiche reste en ligne pour information." in content
    assert "Clôturé le" in content


def test_closing_soon_badge_counts_days(client, guide_index):
    aid = AidPageFactory(
        parent=guide_index, closing_date=timezone.localdate() + datetime.timedelta(days=12)
    )
    assert "J-12" in client.get(aid.url).content.decode()


def test_guide_index_lists_open_fiches_only(client, guide_index):
    open_aid = AidPageFactory(parent=guide_index, title="Aide ouverte")
    AidPageFactory(parent=guide_index, title="Aide épuisée", manual_state="epuisee")
    content = client.get(guide_index.url).content.decode()
    assert open_aid.title in content
    assert "Aide épuisée" not in content


def test_footer_links_to_site_pages(client, home):
    ContentPageFactory(parent=home, title="Mentions légales", show_in_menus=True)
    content = client.get(home.url).content.decode()
    assert "Mentions légales" in content


def test_unknown_page_is_a_french_404(client, home):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
