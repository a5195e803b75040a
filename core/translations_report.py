"""wagtail-localize's translations report in the admin's language: its filter set leaves the
labels of its two language filters to django-filter, which builds them in English from the
field names (« Source locale », « Target locale »); they are named here, once, when the apps
are ready (core/apps.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail_localize.views.report import TranslationsReportFilterSet


def name_language_filters():
    filters = TranslationsReportFilterSet.base_filters
    filters["source_locale"].label = _("Langue source")
    filters["target_locale"].label = _("Langue cible")
