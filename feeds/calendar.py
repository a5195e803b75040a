"""iCalendar (``.ics``) files of closing dates, built with the ``icalendar`` package.

- ``guide_calendar`` (``calendrier/`` on the guide): one event per fiche on its closing date,
  for the fiches the listing shows with the same URL parameters.
- ``fiche_calendar`` (``echeance/`` on a fiche): its closing date, and its opening date while
  it is upcoming. A fiche without a date gives a valid calendar with no event, whose
  description says why (the fiche page shows no link to it).

Events last the whole day (``DTSTART;VALUE=DATE``; the closing date is the last day to apply)
and are transparent (they do not mark the day as busy). UIDs are
``<aid_uuid>-cloture@<host>`` and ``<aid_uuid>-ouverture@<host>`` (``identity.event_uid``);
DTSTAMP and LAST-MODIFIED are the fiche's last publication, so an unchanged fiche gives the
same bytes on every request.
"""

import datetime

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from feeds import describe, identity, selection
from feeds.responses import finish, method_not_allowed
from guide import status as fiche_status
from guide.models import GuideSettings
from guide.status import ClosedReason, Status

CONTENT_TYPE = "text/calendar; charset=utf-8"
REFRESH_INTERVAL = datetime.timedelta(hours=12)  # a hint to subscribed calendar applications
ONE_DAY = datetime.timedelta(days=1)


class CalendarWriter:
    """Builds the calendars of one request (absolute URLs, the site's host, its settings)."""

    def __init__(self, request):
        self.request = request
        self.host = identity.site_host(request)
        self.guide_settings = GuideSettings.for_request(request)

    def guide_name(self):
        return _("Guide des aides %(territory)s") % {
            "territory": self.guide_settings.territory_name
        }

    def calendar(self, name, description):
        calendar = Calendar()
        calendar.add("prodid", f"-//{self.host}//{self.guide_name()}//FR")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-caldesc", description)
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL).to_ical().decode())
        return calendar

    def event(self, fiche, kind, day, summary):
        url = fiche.get_full_url(self.request)
        published = identity.last_published(fiche).astimezone(datetime.UTC)
        closed_by_hand = fiche.status.closed_reason in (
            ClosedReason.EXHAUSTED,
            ClosedReason.SUSPENDED,
        )
        event = Event()
        event.add("uid", identity.event_uid(fiche, kind, self.host))
        event.add("dtstamp", published)
        event.add("last-modified", published)
        event.add("dtstart", day)
        event.add("dtend", day + ONE_DAY)
        event.add("summary", summary)
        event.add("description", describe.event_description(fiche, self.guide_settings, url))
        event.add("url", url)
        event.add("status", "CANCELLED" if closed_by_hand else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        return event

    def closing_event(self, fiche):
        summary = _("Clôture : %(title)s") % {"title": fiche.title}
        return self.event(fiche, identity.CLOSING, fiche.closing_date, summary)

    def opening_event(self, fiche):
        summary = _("Ouverture : %(title)s") % {"title": fiche.title}
        return self.event(fiche, identity.OPENING, fiche.opening_date, summary)


def calendar_response(request, calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return finish(request, response)


def guide_calendar(index, request):
    refused = method_not_allowed(request)
    if refused is not None:
        return refused
    writer = CalendarWriter(request)
    chosen = selection.calendar_fiches(index, request.GET, fiche_status.today())
    name = _("Échéances – %(guide)s") % {"guide": writer.guide_name()}
    description = _("Le dernier jour pour déposer une demande, aide par aide – %(guide)s.") % {
        "guide": writer.guide_name()
    }
    if chosen.filter_labels:
        name = _("Échéances (recherche filtrée) – %(guide)s") % {"guide": writer.guide_name()}
        description += " " + _("Filtres : %(filters)s.") % {
            "filters": " ; ".join(chosen.filter_labels)
        }
    calendar = writer.calendar(name, description)
    for fiche in chosen.fiches:
        calendar.add_component(writer.closing_event(fiche))
    return calendar_response(request, calendar, f"echeances-{index.slug}.ics")


def fiche_calendar(fiche, request):
    refused = method_not_allowed(request)
    if refused is not None:
        return refused
    writer = CalendarWriter(request)
    selection.load_described(fiche)
    events = []
    if fiche.status.code == Status.UPCOMING and fiche.opening_date:
        events.append(writer.opening_event(fiche))
    if fiche.closing_date:
        events.append(writer.closing_event(fiche))
    if events:
        description = describe.status_and_deadline(fiche)
    else:
        description = capfirst(describe.deadline_text(fiche)) + "."
    calendar = writer.calendar(_("Échéance : %(title)s") % {"title": fiche.title}, description)
    for event in events:
        calendar.add_component(event)
    return calendar_response(request, calendar, f"echeance-{fiche.slug}.ics")
