"""Who sees which report: the same rules for the menu, the views and the dashboard panel."""

from wagtail.models import Page
from wagtail.permissions import policy_registry

from core.sites import all_sites, user_site_ids

# As Wagtail's own page reports: anyone who can add, change or publish pages (the Rédacteurs,
# Valideurs and Administrateurs groups, and superusers).
PAGE_ACTIONS = ["add", "change", "publish"]


def page_policy():
    return policy_registry.get_by_type(Page)


def can_see_fiche_reports(user):
    return page_policy().user_has_any_permission(user, PAGE_ACTIONS)


def can_change(user, model):
    return policy_registry.get_by_type(model).user_has_permission(user, "change")


def visible_fiches(user, fiches):
    """``fiches`` restricted to the pages on which ``user`` has one of ``PAGE_ACTIONS``.

    No restriction (and no subquery) for a superuser.
    """
    if user.is_active and user.is_superuser:
        return fiches
    allowed = page_policy().instances_user_has_any_permission_for(user, PAGE_ACTIONS)
    return fiches.filter(pk__in=allowed.values("pk"))


def visible_records(user, records):
    """``records`` (contacts, organisations...) restricted to those ``user`` may change: a
    territory's staff see their own site's records only (``core/site_scope.py``)."""
    allowed = policy_registry.get_by_type(records.model).instances_user_has_permission_for(
        user, "change"
    )
    return records.filter(pk__in=allowed.values("pk"))


def works_on_several_sites(user):
    """Whether ``user``'s reports may mix several territories (a superuser of an instance with
    several sites, or a member of several sites' teams): they then name each row's territory."""
    sites = all_sites() if user.is_active and user.is_superuser else user_site_ids(user)
    return len(sites) > 1


def may_change(user, instance):
    """Whether ``user`` may change ``instance`` (a contact, an organisation...): its model's
    permission and, for a record of a territory, that territory (``core/site_scope.py``)."""
    policy = policy_registry.get_by_type(type(instance))
    return policy.user_has_permission_for_instance(user, "change", instance)
