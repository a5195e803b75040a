"""Table columns of the reports that Wagtail does not provide."""

from wagtail.admin.ui.tables import Column


class ReasonsColumn(Column):
    """The reasons of an incomplete fiche, one per line, each followed by the records to fix
    (``{"label", "links": [{"label", "url"}]}``: a link where the user may change the record,
    the bare name otherwise)."""

    cell_template_name = "reports/reasons_cell.html"


class DateAgeColumn(Column):
    """A date and, below it, how long ago it was and whether it is the publication's (the
    row's ``verified_note``)."""

    cell_template_name = "reports/date_age_cell.html"


class PageLinksColumn(Column):
    """Pages, each linked to its edit view (the pages linking to a closed fiche)."""

    cell_template_name = "reports/page_links_cell.html"
