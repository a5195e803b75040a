"""A list written one item per line (``core.fields.LinesField``) read as its items in a template."""

from django import template

from core.fields import lines_of

register = template.Library()


@register.filter
def lines(text):
    """The non-empty lines of ``text``, stripped: ``{% for item in page.field|lines %}``."""
    return lines_of(text)
