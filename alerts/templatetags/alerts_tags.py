from django import template
from wagtail.models import Page, Site

from alerts.forms import SubscribeForm
from alerts.models import Alert
from core.locales import localized
from core.sites import site_tree_q

register = template.Library()

# The personal-data page of the demo content (demo/site_pages.py); its translations
# keep its translation key, so ``.localized`` finds the visitor's language.
PERSONAL_DATA_SLUG = "donnees-personnelles"


@register.simple_tag(takes_context=True)
def personal_data_page(context):
    """The personal-data page of the request's site in the active language, or None (two
    queries per request). Each site has its own: never another site's."""
    request = context.get("request")
    if request is None:
        return None
    if hasattr(request, "_personal_data_page"):
        return request._personal_data_page
    site = Site.find_for_request(request)
    found = (
        Page.objects.live()
        .public()
        .filter(site_tree_q(site), slug=PERSONAL_DATA_SLUG)
        .order_by("path")
        .first()
    )
    found = localized(found) if found is not None else None
    request._personal_data_page = found
    return found


@register.simple_tag
def subscribe_form(form=None):
    """The form to render: the bound one of a failed attempt, else a blank one."""
    return (
        form if form is not None else SubscribeForm(initial={"frequency": Alert.Frequency.WEEKLY})
    )
