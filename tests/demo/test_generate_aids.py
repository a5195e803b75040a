import io

import pytest
from django.core.management import CommandError, call_command

from guide.models import AidPage

pytestmark = pytest.mark.django_db


def test_generate_aids_creates_valid_live_fiches(guide_index):
    call_command("generate_aids", count=12, batch=5, stdout=io.StringIO())
    pages = AidPage.objects.live()
    assert pages.count() == 12
    for page in pages:
        assert page.aid_types.exists() and page.territories.exists()
        assert page.contacts.get().referral_note
        page.full_clean()
    call_command("generate_aids", count=3, stdout=io.StringIO())
    assert AidPage.objects.count() == 15  # numbering continues, no slug clash


def test_generate_aids_needs_the_guide(db):
    with pytest.raises(CommandError, match="load_demo_guide"):
        call_command("generate_aids", count=1, stdout=io.StringIO())
