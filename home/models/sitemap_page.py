from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.pages import PROSE_FEATURES, BasePage
from guide.models import AidIndexPage
from guide.needs import NEEDS
from home.models.content_page import ContentPage


class SiteMapPage(BasePage):
    """A readable site map (RGAA): the site's main pages and the guide's entry points."""

    intro = RichTextField(_("introduction"), features=PROSE_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    # Listed in the footer when ticked (home/templatetags/site_tags.py).
    promote_panels = [*BasePage.promote_panels, *BasePage.footer_link_panels]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("plan du site")
        verbose_name_plural = _("plans du site")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        context["home"] = home
        context["guides"] = AidIndexPage.objects.live().public().child_of(home)
        context["needs"] = NEEDS
        context["content_pages"] = ContentPage.objects.live().public().child_of(home)
        return context
