from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo guide's content and loader (``load_demo_guide``), and synthetic fiches for
    benchmarks (``generate_aids``).
    """

    name = "demo"
    verbose_name = _("Démonstration")
