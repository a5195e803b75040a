"""The site app's hooks: two-factor authentication in the admin (core/two_factor.py), date
pickers that keep what is typed (core/french_input.py), a translation submitted to review from
the translation editor (core/translation_review.py), and the redirection of an address asked
in a language its page lacks."""

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static

from core import translation_review, two_factor
from core.i18n import MISSING_TRANSLATION_PARAM
from core.locales import locale_by_id
from core.site_scope import EVERY_SITE_VIEWS, works_on_every_site
from core.sites import all_sites, site_tree_q, user_site_ids


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("double-authentification/", two_factor.setup, name="two_factor_setup"),
        path("double-authentification/code/", two_factor.verify, name="two_factor_verify"),
    ]


@hooks.register("insert_global_admin_js")
def date_pickers_keep_what_is_typed():
    """Wagtail's date pickers no longer replace what they cannot read by today's date when the
    field loses focus (core/static/core/js/date-input.js, core/french_input.py)."""
    return format_html('<script src="{}"></script>', versioned_static("core/js/date-input.js"))


@hooks.register("before_edit_page", order=-1)  # before wagtail-localize's translation editor
def submit_translation_for_review(request, page):
    """« Soumettre à la relecture » in the translation editor (core/translation_review.py)."""
    return translation_review.submit_for_review(request, page)


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
    page is French only: Wagtail then serves the French page) is sent to the same address in the
    page's own language, its route and query string kept, with the notice the language switcher
    uses: French text never goes out as ``<html lang="en">``."""
    asked = (get_language() or "").split("-")[0]
    own = locale_by_id(page.locale_id).language_code.split("-")[0]
    prefix = f"/{asked}/"
    if not asked or asked == own or not request.path_info.startswith(prefix):
        return None
    query = request.GET.copy()
    query[MISSING_TRANSLATION_PARAM] = asked
    own_prefix = "/" if own == settings.LANGUAGE_CODE else f"/{own}/"
    path = own_prefix + request.path_info[len(prefix) :]
    return HttpResponseRedirect(f"{request.META.get('SCRIPT_NAME', '')}{path}?{query.urlencode()}")


@hooks.register("construct_reports_menu")
def hide_every_site_reports(request, menu_items):
    """The reports listing every site's objects, for those who work on every site only
    (``core/site_scope.py``: the views refuse the others)."""
    if works_on_every_site(request.user):
        return
    hidden = set()
    for namespace, name in EVERY_SITE_VIEWS:
        try:
            hidden.add(reverse(f"{namespace}:{name}"))
        except NoReverseMatch:  # a view that needs arguments has no menu item
            continue
    menu_items[:] = [item for item in menu_items if item.url not in hidden]


@hooks.register("construct_page_chooser_queryset")
def pages_of_the_users_sites(pages, request):
    """The page chooser (links, page fields) lists the pages of the user's sites only: another
    territory's drafts and titles stay its own."""
    if works_on_every_site(request.user):
        return pages
    condition = Q(depth=1)
    for site_id in user_site_ids(request.user):
        condition |= site_tree_q(all_sites()[site_id])
    return pages.filter(condition)
