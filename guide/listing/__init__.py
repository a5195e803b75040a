"""The guide's listing (``/aides/``), the engine behind it and everything that lists fiches the
same way (the API, the embeds, the calendars, the alerts):

- ``filters``: the listing's URL state (``AidFilterForm``), forgiving of any value;
- ``search``: the selection, text search, sorting and facet counts (``FicheSearch``,
  ``listing_search``);
- ``pagination``: pages sorted and sliced on ids (``SortedById``, ``RankedIds``);
- ``context``: the listing page's context, built there only;
- ``no_results``: what the listing says and offers when it finds nothing;
- ``suggestions``: the search box's suggestions (``/recherche/suggestions/``).

The route that serves the listing is ``guide/routes.py``; search backends, French analysis and
query parsing are the ``search`` app's.
"""
