"""wagtail-localize's translation editor in the admin's language, and its review panel
(core/templates/wagtail_localize/admin/edit_translation.html).

The editor is a React app: its ``gettext`` strings come from wagtail-localize's JavaScript
catalogue (ours: core/wording/locale/*/LC_MESSAGES/djangojs.po), but it writes a few strings in
English whatever the language: the section's title (« Français to Anglais translation »), the
menu's « More actions », and the dates of its comments (« Traduit manuellement le 6 December
2026 », formatted by ``strftime`` on the server). ``translation_editor_wording`` gives
core/static/core/js/translation-editor.js what to write instead.
"""

from django import template
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from core.translation_review import SUBMIT, review_state

register = template.Library()

# English month names as ``strftime("%B")`` writes them (the C locale), by month number.
ENGLISH_MONTHS = {
    1: "January",
    2: "February",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "August",
    9: "September",
    10: "October",
    11: "November",
    12: "December",
}
# The French headings of a translation from a language into another; others are generic.
HEADINGS = {
    ("fr", "en"): lambda: _("Traduction du français vers l'anglais"),
    ("en", "fr"): lambda: _("Traduction de l'anglais vers le français"),
}
# wagtail-localize's comments on a translated segment (models.StringTranslation.get_comment).
COMMENTS = (
    "Translated with {tool_name} on {date}",
    "Translated manually on {date}",
    "Machine translated on {date}",
)


def heading(source_locale, target_locale):
    """The title of the editor's section: « Traduction du français vers l'anglais »."""
    pair = (source_locale.language_code, target_locale.language_code)
    if pair in HEADINGS:
        return HEADINGS[pair]()
    return _("Traduction : %(source)s → %(target)s") % {
        "source": source_locale.get_display_name(),
        "target": target_locale.get_display_name(),
    }


@register.simple_tag
def translation_editor_wording(translation):
    """What translation-editor.js rewrites: ``texts`` (the editor's English text → ours),
    ``fileInput`` (the label of its PO file input), ``comments`` (the start of
    wagtail-localize's comments, before their date) and ``months`` (English month → the
    admin's language)."""
    source, target = translation.source.locale, translation.target_locale
    english_heading = f"{source.get_display_name()} to {target.get_display_name()} translation"
    return {
        "texts": {
            english_heading: heading(source, target),
            "More actions": _("Plus d'actions"),
        },
        "fileInput": _("Fichier PO traduit à importer"),
        "comments": [_(comment).split("{", 1)[0] for comment in COMMENTS],
        "months": {ENGLISH_MONTHS[number]: str(name) for number, name in MONTHS.items()},
    }


@register.inclusion_tag("core/translation_review_panel.html", takes_context=True)
def translation_review_panel(context, page):
    """« Soumettre à la relecture » for a translator who may not publish ``page``."""
    return {
        "review": review_state(page, context["request"].user),
        "submit": SUBMIT,
        "csrf_token": context.get("csrf_token"),
    }
