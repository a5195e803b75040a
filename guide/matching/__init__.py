"""« Quelles aides pour mon projet ? »: the questionnaire and how a fiche matches its answers.

- ``questionnaire``: the form and its answers (``Answers``); ``projects``: the eight projects;
- ``facts``: what a fiche says that the rules read (pure data);
- ``rules``: one pure function per criterion (fits, may fit, does not fit, with a sentence);
- ``estimate``: the amounts a fiche gives for the answers, and the total;
- ``prefilter``: the database leaves out the fiches that certainly fail a criterion it reads;
- ``results``: the classified fiches of a guide; ``page``: the page's context;
- ``coverage``: the editors' panel of what the questionnaire reads on a fiche.

The route that serves the page is ``guide/routes.py``.
"""
