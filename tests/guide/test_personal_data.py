"""Personal data: consent and confirmation of contacts, purge of old revisions."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from guide.models import Contact
from tests.support.factories import AidPageFactory, ContactFactory


def test_a_named_person_needs_consent_a_mailbox_does_not():
    assert Contact(kind=Contact.Kind.PERSON).needs_consent
    assert not Contact(kind=Contact.Kind.PERSON, publication_consent=True).needs_consent
    assert not Contact(kind=Contact.Kind.MAILBOX).needs_consent


@pytest.mark.django_db
def test_the_contact_list_shows_and_filters_consent(editor_client):
    ContactFactory(name="Edith Blard", kind="personne", publication_consent=False)
    ContactFactory(name="Jean Hespel", kind="personne", publication_consent=True)
    url = reverse("wagtailsnippets_guide_contact:list")
    content = editor_client.get(url, {"publication_consent": "false"}).content.decode()
    assert "Edith Blard" in content and "Jean Hespel" not in content


@pytest.mark.django_db
def test_old_revisions_are_purged_but_not_the_latest_nor_the_live_content(guide_index, settings):
    settings.GUIDE_REVISION_RETENTION_DAYS = 365
    fiche = AidPageFactory(parent=guide_index)
    old = fiche.save_revision()
    old.publish()
    superseded = fiche.save_revision()
    latest = fiche.save_revision()
    recent = fiche.save_revision()
    long_ago = timezone.now() - datetime.timedelta(days=400)
    # The published revision and a superseded draft are old; the two newest are recent.
    Revision.objects.filter(pk__in=[old.pk, superseded.pk]).update(created_at=long_ago)
    out = io.StringIO()
    call_command("purge_old_revisions", stdout=out)
    remaining = set(fiche.revisions.values_list("pk", flat=True))
    assert remaining == {latest.pk, recent.pk}
    fiche.refresh_from_db()
    assert fiche.live and fiche.title  # the published content lives in the page row
    assert "365" in out.getvalue()


@pytest.mark.django_db
def test_the_retention_can_be_given_on_the_command_line(guide_index):
    fiche = AidPageFactory(parent=guide_index)
    first = fiche.save_revision()
    fiche.save_revision()
    Revision.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    call_command("purge_old_revisions", days=60, stdout=io.StringIO())
    assert Revision.objects.filter(pk=first.pk).exists()
    call_command("purge_old_revisions", days=30, stdout=io.StringIO())
    assert not Revision.objects.filter(pk=first.pk).exists()
    with pytest.raises(CommandError):
        call_command("purge_old_revisions", days=0, stdout=io.StringIO())
