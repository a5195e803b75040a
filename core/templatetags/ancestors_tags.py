from django import template

from core.ancestors import breadcrumb_ancestors

register = template.Library()


@register.simple_tag
def page_ancestors(page):
    """The ancestors the breadcrumb shows (core/ancestors.py)."""
    return breadcrumb_ancestors(page)
