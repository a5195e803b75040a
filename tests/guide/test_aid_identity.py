"""The national id (UUID) of a fiche: stable, kept by translations, renewed by copies."""

import pytest
from wagtail.models import Locale

from guide.models import AidPage
from tests.support.factories import AidPageFactory

pytestmark = pytest.mark.django_db


def test_uuid_is_generated_once_and_kept_on_save(guide_index):
    aid = AidPageFactory(parent=guide_index)
    original = aid.aid_uuid
    aid.title = "Nouveau titre"
    aid.save_revision().publish()
    assert AidPage.objects.get(pk=aid.pk).aid_uuid == original


def test_a_copied_fiche_gets_a_new_uuid(guide_index):
    aid = AidPageFactory(parent=guide_index)
    copy = aid.copy(update_attrs={"slug": "copie", "title": "Copie"})
    assert copy.aid_uuid != aid.aid_uuid
    assert AidPage.objects.get(pk=aid.pk).aid_uuid == aid.aid_uuid


def test_a_translation_keeps_the_uuid_and_copies_its_lines(guide_index):
    english = Locale.objects.create(language_code="en")
    aid = AidPageFactory(parent=guide_index)
    translated = aid.copy_for_translation(english, copy_parents=True)
    assert translated.locale == english
    assert translated.aid_uuid == aid.aid_uuid
    assert translated.contacts.get().contact_id == aid.contacts.get().contact_id
    assert translated.contacts.get().locale == english
