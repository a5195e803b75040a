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
