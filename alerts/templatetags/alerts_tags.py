from django import template
from django.utils.translation import get_language
from wagtail.models import Page, Site

from alerts.forms import SubscribeForm
from alerts.models import Alert
from core.locales import localized
from core.shared_cache import shared
from core.sites import site_tree_q

register = template.Library()

# The personal-data page of the demo content (demo/site_pages.py); its translations
# keep its translation key, so ``.localized`` finds the visitor's language.
PERSONAL_DATA_SLUG = "donnees-personnelles"


@register.simple_tag(takes_context=True)
def personal_data_page(context):
    """The personal-data page of the request's site in the active language, or None: shared by
    the server's processes until a page changes (core/shared_cache.py). Each site has its own:
    never another site's."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_personal_data_page"):
        site = Site.find_for_request(request)
        request._personal_data_page = shared(
            f"personal-data-page:{site.pk if site else None}:{get_language()}",
            lambda: find_personal_data_page(site),
        )
    return request._personal_data_page


def find_personal_data_page(site):
    found = (
        Page.objects.live()
        .public()
        .filter(site_tree_q(site), slug=PERSONAL_DATA_SLUG)
        .order_by("path")
        .first()
    )
    return localized(found) if found is not None else None


@register.simple_tag
def subscribe_form(form=None):
    """The form to render: the bound one of a failed attempt, else a blank one."""
    return (
        form if form is not None else SubscribeForm(initial={"frequency": Alert.Frequency.WEEKLY})
    )
