from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home.models import ContentPage, SiteMapPage

register = template.Library()


@register.simple_tag(takes_context=True)
def site_links(context):
    """Pages every layout links to: the guide, the results page, the site map, the footer's
    editorial pages.

    One query for the site root's published children, sorted by type in Python; cached on the
    request so that the header and the footer share it.
    """
    from guide.models import AidIndexPage, ResultsPage

    request = context.get("request")
    if request is None:
        return {}
    cached = getattr(request, "_site_links", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    links = {"guide": None, "results": None, "sitemap": None, "footer": []}
    if site is not None:
        # The home page in the visitor's language (its translation, when there is one).
        home = site.root_page.localized
        for child in home.get_children().live().public().order_by("path"):
            kind = child.specific_class
            if kind is AidIndexPage and links["guide"] is None:
                links["guide"] = child
            elif kind is ResultsPage and links["results"] is None:
                links["results"] = child
            elif kind is SiteMapPage and links["sitemap"] is None:
                links["sitemap"] = child
            if kind in (ContentPage, SiteMapPage) and child.show_in_menus:
                links["footer"].append(child)
    request._site_links = links
    return links


# Where a page has no translation in the chosen language, the switcher leads to the French page
# with this parameter, and the page says so in that language (never a 404).
MISSING_TRANSLATION_PARAM = "traduction-absente"


def live_translations(page):
    """{language code: live page} for ``page`` and its translations, computed once per page
    object (the meta tags and the language switcher share it)."""
    cached = page.__dict__.get("_live_translations")
    if cached is None:
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        cached = {other.locale.language_code: other for other in translations}
        page.__dict__["_live_translations"] = cached
    return cached


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link to each other language: the translation of the current page, else the French
    page with a notice in the chosen language; outside pages, the same URL in that language."""
    request = context.get("request")
    page = context.get("page")
    current = get_language() or settings.LANGUAGE_CODE
    links = []
    if request is None:
        return {"links": links}
    translations = live_translations(page) if isinstance(page, Page) and page.pk else None
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        if translations is None:
            url = translate_url(request.get_full_path(), code)
        elif code in translations:
            # A route of the page (the questionnaire) keeps its path and answers.
            url = translations[code].get_url(request) + context.get("switcher_suffix", "")
        else:
            source = translations.get(settings.LANGUAGE_CODE) or page
            url = f"{source.get_url(request)}?{urlencode({MISSING_TRANSLATION_PARAM: code})}"
        links.append({"code": code, "name": name, "url": url})
    return {"links": links}


@register.simple_tag(takes_context=True)
def missing_translation(context):
    """The language a visitor asked for and this page lacks (from the switcher), or ''."""
    request = context.get("request")
    asked = request.GET.get(MISSING_TRANSLATION_PARAM, "") if request else ""
    codes = {code for code, _name in settings.LANGUAGES}
    return asked if asked in codes and asked != get_language() else ""


@register.simple_tag
def translation_in(page, code):
    """The live translation of ``page`` in ``code`` (None when there is none)."""
    return live_translations(page).get(code)
