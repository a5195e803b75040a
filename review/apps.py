from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """The review loop made visible to both sides, on top of Wagtail's workflows: the review
    panel first on the dashboard, the review's state and the reviewer's comment in the editor,
    a confirmation after each decision, a Valideur's bulk publication recorded as an approval.

    The workflows themselves (one per territory) are created by ``guide/roles.py``. This app
    overrides two Wagtail admin templates (the editors and the status panel), so it sits before
    the Wagtail apps in INSTALLED_APPS. Its receivers are in ``signals.py``."""

    name = "review"
    verbose_name = _("Relecture")
