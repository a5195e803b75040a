"""The feeds' and calendars' addresses: routes this app adds to the guide's pages
(core/routes.py). Partners subscribe to them: never rename them."""

from django.urls import path

from feeds.atom import closing_soon_feed, news_feed
from feeds.calendar import fiche_calendar, guide_calendar
from guide.models import AidIndexPage, AidPage

AidIndexPage.add_routes(
    path("flux/nouveautes/", news_feed, name="news_feed"),
    path("flux/fermeture/", closing_soon_feed, name="closing_feed"),
    # A page route cannot contain a dot: no ".ics" (served as text/calendar, an .ics file name).
    path("calendrier/", guide_calendar, name="deadlines_calendar"),
)
AidPage.add_routes(path("echeance/", fiche_calendar, name="deadline_calendar"))
