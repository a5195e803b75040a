"""``{% may_publish_translations source as var %}``: may the user publish every translation of
``source`` (a wagtail-localize ``TranslationSource``)? See core/translation_rights.py."""

from django import template

from core.translation_rights import can_publish_translations

register = template.Library()


@register.simple_tag(takes_context=True)
def may_publish_translations(context, source):
    return can_publish_translations(context["request"].user, source)
