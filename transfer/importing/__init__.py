"""The steps of an import (``transfer/importer.py`` runs them in order), each a module usable
and tested alone:

- ``layout.py``: the file's header line → its columns (fiche columns, volet and contact groups);
  a header line the import cannot use is refused before any row is read.
- ``parse.py``: one row's cells → a ``FicheContent`` through each column's codec; unknown
  values are errors naming the line and the column.
- ``plan.py``: the row's outcome (créée, modifiée with the changed columns, inchangée) against
  the guide's existing fiches, and the page it would save (the latest content with the
  changed columns applied, or a new draft), new contacts included. The dry run stops after it.
- ``validate.py``: the planned page through the admin's checks for a draft (``rules.py``), and
  the checks across rows (an uuid or a slug twice, a slug already taken).
- ``apply.py``: only when no row has an error, everything in one transaction.
"""
