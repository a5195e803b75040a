from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished

from core import frontend_cache, memo, page_cache

# The guide's models that no public page shows.
PRIVATE_MODELS = ("StagedImport",)
SITE_SETTINGS = ("GuideSettings",)


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = _("Guide des aides")

    def ready(self):
        from guide import signals

        signals.connect()
        memo.forget_when_changed("guide.GuideSettings")
        page = apps.get_model("wagtailcore", "Page")
        page_cache.shown_on_pages(
            *(
                model
                for model in self.get_models()
                if not issubclass(model, page)
                and model.__name__ not in (*PRIVATE_MODELS, *SITE_SETTINGS)
            )
        )
        page_cache.shown_on_pages(
            *(self.get_model(name) for name in SITE_SETTINGS), site_settings=True
        )
        fiche = self.get_model("AidPage")
        page_published.connect(
            frontend_cache.purge_ancestors, sender=fiche, dispatch_uid="purge-fiche-listings"
        )
        page_unpublished.connect(
            frontend_cache.purge_ancestors, sender=fiche, dispatch_uid="purge-fiche-listings-un"
        )
