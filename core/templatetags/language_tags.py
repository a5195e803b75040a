"""The language switcher, and what a page says when a visitor asked for a language it lacks."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from core.i18n import MISSING_TRANSLATION_PARAM, live_translations, same_site_path

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link to each other language: the translation of the current page, else the French
    page with a notice in the chosen language; outside pages (a 404, a form's view), the same
    path in that language, never another host's (``same_site_path``). A translation with no
    URL (outside every site) counts as missing; a language with no page to link to at all gets
    no link."""
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
            url = translate_url(same_site_path(request.get_full_path()), code)
        else:
            url = page_link(context, request, page, translations, code)
        if url:
            links.append({"code": code, "name": name, "url": url})
    return {"links": links}


def page_link(context, request, page, translations, code):
    """The switcher's link to ``code`` from ``page``: its translation's URL (a route of the
    page, the questionnaire, keeps its path and answers), else the French page's with the
    notice; None when neither has a URL."""
    translated = translations.get(code)
    url = translated.get_url(request) if translated else None
    if url:
        return url + context.get("switcher_suffix", "")
    source = translations.get(settings.LANGUAGE_CODE) or page
    source_url = source.get_url(request)
    if not source_url:
        return None
    return f"{source_url}?{urlencode({MISSING_TRANSLATION_PARAM: code})}"


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
