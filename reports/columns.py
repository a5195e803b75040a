"""Table columns of the reports that Wagtail does not provide."""

from wagtail.admin.ui.tables import Column


class ListColumn(Column):
    """A list of short texts (the reasons of an incomplete fiche), one per line."""

    cell_template_name = "reports/list_cell.html"


class PageLinksColumn(Column):
    """Pages, each linked to its edit view (the pages linking to a closed fiche)."""

    cell_template_name = "reports/page_links_cell.html"
