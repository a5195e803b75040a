from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    """What search engines and link previews read: meta tags, JSON-LD, ``/sitemap.xml``,
    ``/robots.txt``.
    """

    name = "seo"
    verbose_name = _("Référencement")
