from django import template

from review.status import review_status

register = template.Library()


@register.inclusion_tag("review/banner.html")
def review_banner(obj):
    """The review's state and the reviewer's comment, above the editor's form."""
    return {"status": review_status(obj)}
