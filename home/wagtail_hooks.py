"""Admin additions of the site app: two-factor authentication (home/two_factor.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from home import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("double-authentification/", two_factor.setup, name="two_factor_setup"),
        path("double-authentification/code/", two_factor.verify, name="two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    if two_factor.mode() == "off":
        return None
    return {
        "url": reverse("two_factor_setup"),
        "label": _("Double authentification"),
        "help_text": _("Un code de votre téléphone en plus du mot de passe."),
    }


@hooks.register("before_serve_page")
def untranslated_page_in_its_own_language(page, request, serve_args, serve_kwargs):
    """A page asked for in a language it has no translation in (``/en/`` on a site whose home
    page is French only: Wagtail then serves the French page) is sent to its own address with
    the notice the language switcher uses, so that French text never goes out as
    ``<html lang="en">``."""
    from urllib.parse import urlencode

    from django.http import HttpResponseRedirect
    from django.utils.translation import get_language, override

    from home.templatetags.site_tags import MISSING_TRANSLATION_PARAM

    asked = (get_language() or "").split("-")[0]
    own = page.locale.language_code
    if not asked or asked == own.split("-")[0]:
        return None
    with override(own):
        url = page.get_url(request)
    if url is None:
        return None
    return HttpResponseRedirect(f"{url}?{urlencode({MISSING_TRANSLATION_PARAM: asked})}")
