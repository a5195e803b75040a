from django import template

from guide.status import Status

register = template.Library()


@register.inclusion_tag("guide/includes/status_badge.html")
def status_badge(aid):
    """The fiche's status as a badge: "Ouvert", "J-12", "Clôturé le 31/12/2023"..."""
    status = aid.status
    return {"aid": aid, "status": status, "Status": Status}
