"""Stable identifiers and dates: an aid keeps its Atom entry id and its calendar UIDs for life.

Both are built on the aid's national UUID (``AidPage.aid_uuid``), which survives renames, moves
and new revisions, and never on a title, a slug or a database id.
"""

import datetime
import uuid

from django.http.request import split_domain_port
from wagtail.models import Site

from core.i18n import default_language

# The two events an aid can have in a calendar; they are part of the UID.
CLOSING = "cloture"
OPENING = "ouverture"

# A fiche created live in code (never published through a revision) has no publication date.
# Its dates fall back to this fixed instant rather than "now", so that a feed, its ETag and the
# calendar's DTSTAMP stay the same from one request to the next.
UNKNOWN_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def entry_id(fiche, language_code):
    """The Atom entry id of a fiche: ``urn:uuid:<aid_uuid>``.

    A translation shares its source's ``aid_uuid``; its entries get a name-based UUID derived
    from the aid's UUID and the language, so the French and English entries stay distinct.
    """
    if language_code == default_language():
        return fiche.aid_uuid.urn
    return uuid.uuid5(fiche.aid_uuid, language_code).urn


def event_uid(fiche, kind, host):
    """``<aid_uuid>-cloture@<host>``: one date of one aid, the same in every calendar and
    language that lists it (a subscriber to two calendars sees it once)."""
    return f"{fiche.aid_uuid}-{kind}@{host}"


def site_host(request):
    """The host name of the Wagtail site serving the request (not the request's own host, which
    may differ by a "www." or a port)."""
    site = Site.find_for_request(request)
    if site is not None and site.hostname:
        return site.hostname
    return split_domain_port(request.get_host())[0] or "localhost"


def last_published(fiche):
    return fiche.last_published_at or fiche.first_published_at or UNKNOWN_DATE


def first_published(fiche):
    return fiche.first_published_at or last_published(fiche)
