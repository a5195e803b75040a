"""Meta tags of every public page: canonical URL, hreflang alternates, OpenGraph and Twitter
cards, and the JSON-LD of a fiche (see ``seo``)."""

import json

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.i18n import live_translations
from guide.formatting import format_long_date
from guide.models import AidPage, GuideSettings
from seo import structured_data

register = template.Library()

OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def description_of(page):
    """The preview text: SEO description, else the fiche's promesse and deadline, else intro."""
    if page.search_description:
        return page.search_description
    promesse = getattr(page, "promesse", "")
    if promesse:
        closing = getattr(page, "closing_date", None)
        if closing and page.status.is_open:
            deadline = format_long_date(closing)
            return _("%(promesse)s. Date limite : %(date)s.") % {
                "promesse": promesse,
                "date": deadline,
            }
        return promesse
    intro = getattr(page, "intro", "")
    return Truncator(strip_tags(str(intro))).chars(200) if intro else ""


def json_script(data):
    """A JSON-LD script element; ``<`` escaped so that no text can close the element."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.inclusion_tag("seo/meta.html", takes_context=True)
def page_meta(context, page):
    request = context.get("request")
    meta = {"page": page, "request": request}
    if page is None or request is None or not getattr(page, "pk", None):
        return meta
    canonical = page.get_full_url(request)
    # Live translations (not re-checked for view restrictions: a translation shares its
    # source's, and the check would cost a query on every page).
    alternates = [
        (code, other.get_full_url(request)) for code, other in live_translations(page).items()
    ]
    territory = GuideSettings.for_request(request).territory_name
    meta.update(
        canonical=canonical,
        alternates=alternates if len(alternates) > 1 else [],
        description=description_of(page),
        og_locale=OG_LOCALES.get(get_language() or "", "fr_FR"),
        og_type="article" if isinstance(page, AidPage) else "website",
        site_name=_("Guide des aides – %(territory)s") % {"territory": territory},
    )
    if isinstance(page, AidPage):
        meta["json_ld"] = [
            json_script(
                structured_data.government_service(
                    page, request, territory, components=context.get("components")
                )
            ),
            json_script(structured_data.breadcrumb(page, request)),
        ]
    elif page.depth > 2:
        meta["json_ld"] = [json_script(structured_data.breadcrumb(page, request))]
    return meta
