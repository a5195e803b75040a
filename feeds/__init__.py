"""Feeds and calendars of the guide, for partners and business owners who subscribe.

- ``atom``: the Atom feeds of one guide (new and updated fiches; fiches closing soon), built on
  Django's syndication framework.
- ``calendar``: iCalendar files of closing dates (the whole guide, filtered like the listing;
  one fiche), built with the ``icalendar`` package.
- ``selection``: which fiches each of them lists (live, public fiches of one guide only).
- ``describe``: what they say about a fiche, as plain French text.
- ``identity``: the stable ids of Atom entries and calendar events.
- ``responses``: headers shared by every feed response (CORS, conditional GET).
- ``links``: the addresses the guide's pages show (``templatetags/feeds_tags.py``);
- ``routes``: the routes this app adds to the guide's pages (core/routes.py).

The guide's models know nothing of this app; see docs/feeds.md.
"""
