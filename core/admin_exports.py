"""Wagtail admin views whose spreadsheet exports never run a formula (``core/spreadsheets.py``
says why and how): the guide's reports and the snippet listings (organisations, contacts,
programmes, vocabularies, synonyms) export what editors typed."""

from wagtail.snippets.views.snippets import IndexView as SnippetsIndexView

from core.spreadsheets import keep_as_text, neutralise_formula


class FormulaSafeExportMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin``: its CSV cells neutralised, its
    XLSX texts kept as text (Wagtail turns a formula back into text, not an error value such as
    ``#N/A``, and writes no quote prefix). Put it before Wagtail's view class."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            yield keep_as_text(cell) if isinstance(cell.value, str) else cell


class SnippetIndexView(FormulaSafeExportMixin, SnippetsIndexView):
    """A snippet listing with safe exports: a snippet viewset's ``index_view_class``."""
