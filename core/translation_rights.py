"""Who may translate what, and nothing published by a translation without the right to publish.

wagtail-localize checks only its global permission ``submit_translation`` in the views that
start and update translations, and its "update translations" form publishes the translated
pages when « Publier immédiatement » is ticked. Wagtail's page permissions are scoped (a guide,
a site), so its views are guarded here, by the object they act on, before they run:

- **start a translation** (``submit_page_translation``, ``submit_snippet_translation``): the
  right to edit the source. The translations start as drafts
  (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`` in the settings: wagtail-localize
  would otherwise copy the source's live status and publish the French text at once);
- **update the translations** (``update_translations``): the right to edit the source, and,
  to publish them at the same time, the right to publish every translated object (or to
  publish a new page under the translated parent when the translation does not exist yet);
- **convert a translation back into an alias** (``convert_to_alias``): the alias takes the
  source's latest revision, draft or not, and keeps its live status: the right to publish
  that page.

The translation editor's own « Publier » already checks the publish right (wagtail-localize's
``edit_translation``); its other views (strings, PO files, machine translation, stop) change
no live content and check the edit right on the translated object.

Snippets are checked through their permission policy in Wagtail's registry, so that a policy
scoping them (by site: ``core/site_scope.py``) applies here too.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import TranslationSource

from core.site_scope import snippet_model

NAMESPACE = "wagtail_localize"


def _snippet_policy(model):
    return policy_registry.get_by_type(model)


def can_edit(user, instance):
    """May ``user`` change ``instance`` (a page or a snippet)?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    policy = _snippet_policy(type(instance))
    return policy is not None and policy.user_has_permission_for_instance(user, "change", instance)


def can_publish(user, instance):
    """May ``user`` put ``instance`` live? A snippet without drafts goes live when saved, so
    the right to change it is the right to publish it."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if not isinstance(instance, DraftStateMixin):
        return can_edit(user, instance)
    policy = _snippet_policy(type(instance))
    return policy is not None and policy.user_has_permission_for_instance(user, "publish", instance)


def can_publish_translations(user, source):
    """May ``user`` publish every enabled translation of ``source`` (a ``TranslationSource``)?"""
    instance = source.get_source_instance()
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            target = None
        if target is not None:
            if not can_publish(user, target):
                return False
        elif isinstance(instance, Page):
            parent = instance.get_parent().get_translation_or_none(translation.target_locale)
            if parent is None or not parent.permissions_for_user(user).can_publish_subpage():
                return False
        elif not can_publish(user, instance):
            return False
    return True


def _submitted_page(kwargs):
    return get_object_or_404(Page, pk=kwargs["page_id"]).specific


def _submitted_snippet(kwargs):
    model = snippet_model(kwargs["app_label"], kwargs["model_name"])
    if model is None:
        raise PermissionDenied
    return get_object_or_404(model, pk=kwargs["pk"])


def _requires_edit(user, instance):
    if not can_edit(user, instance):
        raise PermissionDenied(_("Vous n'avez pas le droit de modifier ce contenu."))


def check_translation_rights(request, url_name, kwargs):
    """Raise ``PermissionDenied`` when ``request.user`` may not run the wagtail-localize view
    ``url_name`` on the object of ``kwargs``; views not listed here check rights themselves."""
    user = request.user
    if url_name == "submit_page_translation":
        _requires_edit(user, _submitted_page(kwargs))
    elif url_name == "submit_snippet_translation":
        _requires_edit(user, _submitted_snippet(kwargs))
    elif url_name == "update_translations":
        source = get_object_or_404(TranslationSource, pk=kwargs["translation_source_id"])
        _requires_edit(user, source.get_source_instance())
        if (
            request.method == "POST"
            and request.POST.get("publish_translations")
            and not can_publish_translations(user, source)
        ):
            raise PermissionDenied(
                _(
                    "Vous n'avez pas le droit de publier ces traductions : mettez-les à jour "
                    "sans « Publier immédiatement », elles passeront par la relecture."
                )
            )
    elif url_name == "convert_to_alias":
        page = get_object_or_404(Page, pk=kwargs["page_id"])
        if not page.permissions_for_user(user).can_publish():
            raise PermissionDenied(
                _("Vous n'avez pas le droit de publier cette page : elle ne peut devenir un alias.")
            )


class TranslationRightsMiddleware:
    """Runs ``check_translation_rights`` before wagtail-localize's views (after the
    authentication middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and NAMESPACE in match.namespaces:
            if not request.user.is_authenticated:
                return None  # the admin's login redirection applies
            check_translation_rights(request, match.url_name, view_kwargs)
        return None
