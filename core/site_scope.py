"""Each territory's staff work on their own site only, in every admin view.

Several territories share the instance, each one a Wagtail ``Site``. Page permissions are
granted per site (on its pages), so Wagtail scopes pages by itself; records that belong to a
site through a ``site`` field (snippets: contacts, organisations, programmes...) and the
site settings are scoped here, with the same notion of "the user's sites"
(``core.sites.user_site_ids``: the sites where the user's groups hold page permissions):

- ``SitePermissionPolicy``: a model permission policy whose per-instance answers and
  querysets keep the user's sites' records (a snippet viewset's ``permission_policy``, used by
  its listing, choosers and exports through ``scoped_queryset``);
- ``SiteScopeMiddleware``: before any snippet view acting on one object (edit, delete,
  history, revisions, workflow, lock, usage, preview...) and the site settings' edit view,
  refuse (403) an object or a site outside the user's sites. Wagtail's own snippet views
  check only the model permission, so a guessed id would otherwise open another territory's
  contact.

A record without a site is shared: every territory may choose it (a national operator such as
Bpifrance), only a superuser may change it.

A chooser may create a record in place (``SiteScopedChooserViewSet``, when given a
``creation_form_class``): only for a user with the model's « add » permission (no creation tab
otherwise, and its URL answers 403), in one of the user's sites (the form is a
``SiteScopedForm``), and through Wagtail's ``CreateAction``: a record with drafts is created as
a draft with its first revision, logged like one created from the snippet's own « add » view.
"""

from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.actions.create import CreateAction
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from core.sites import all_sites, user_site_ids

SNIPPET_NAMESPACE_PREFIXES = ("wagtailsnippets_", "wagtailsnippetchoosers_")
SETTINGS_NAMESPACE = "wagtailsettings"


def may_work_on_site(user, site_id):
    """A superuser works everywhere; anyone else on the sites of ``user_site_ids`` only."""
    if user.is_active and user.is_superuser:
        return True
    return site_id is not None and site_id in user_site_ids(user)


class SitePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, restricted to the records of the user's sites (``site_field``)."""

    def __init__(self, model, site_field="site", **kwargs):
        super().__init__(model, **kwargs)
        self.site_field = site_field

    def _site_id(self, instance):
        return getattr(instance, f"{self.site_field}_id")

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_work_on_site(
            user, self._site_id(instance)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and may_work_on_site(
            user, self._site_id(instance)
        )

    def scoped_queryset(self, user, queryset=None):
        queryset = self.model._default_manager.all() if queryset is None else queryset
        if user.is_active and user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.site_field}__in": user_site_ids(user)})

    def choosable_queryset(self, user, queryset=None):
        """The records ``user`` may choose: their sites' and the shared ones (no site)."""
        queryset = self.model._default_manager.all() if queryset is None else queryset
        if user.is_active and user.is_superuser:
            return queryset
        return queryset.filter(
            Q(**{f"{self.site_field}__in": user_site_ids(user)})
            | Q(**{f"{self.site_field}__isnull": True})
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model._default_manager.none()
        return self.scoped_queryset(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scoped_queryset(user)


def snippet_model(app_label, model_name):
    """The snippet model ``app_label.model_name``, or None (not a model, or not a snippet)."""
    return next(
        (
            model
            for model in get_snippet_models()
            if (model._meta.app_label, model._meta.model_name) == (app_label, model_name)
        ),
        None,
    )


def _site_policy(model):
    """The ``SitePermissionPolicy`` of ``model``, or None (no model, or not scoped by site)."""
    policy = policy_registry.get_by_type(model, fallback=False) if model else None
    return policy if isinstance(policy, SitePermissionPolicy) else None


def _check_object(user, policy, pk):
    """403 unless the object ``pk`` of a site-scoped model (``policy``) is of the user's sites."""
    if policy is not None:
        instance = get_object_or_404(policy.model._default_manager, pk=pk)
        if not may_work_on_site(user, policy._site_id(instance)):
            raise PermissionDenied


def register_site_scoped(*models):
    """Scope ``models`` (each with a ``site`` field) by site in Wagtail's permission registry."""
    for model in models:
        register_permission_policy(model, SitePermissionPolicy(model), exact_class=True)


def _is_site_setting(app_label, model_name):
    try:
        model = django_apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return False
    return issubclass(model, BaseSiteSetting)


# Views that list every site's objects without a per-site filter (Wagtail's workflow reports
# and site history list snippets by content type, wagtail-localize's translations report and
# snippet API every translatable object): for those who work on every site only.
EVERY_SITE_VIEWS = {
    ("wagtailadmin_reports", "workflow"),
    ("wagtailadmin_reports", "workflow_results"),
    ("wagtailadmin_reports", "workflow_tasks"),
    ("wagtailadmin_reports", "workflow_tasks_results"),
    ("wagtailadmin_reports", "site_history"),
    ("wagtailadmin_reports", "site_history_results"),
    ("wagtail_localize", "translations_report"),
    ("wagtail_localize", "translations_report_results"),
    ("wagtail_localize", "snippets_api_listing"),
}


def works_on_every_site(user):
    return (user.is_active and user.is_superuser) or user_site_ids(user) >= set(all_sites())


def check_site_scope(request, namespace, url_name, kwargs):
    """Raise ``PermissionDenied`` when the admin view of ``namespace`` acts on an object or a
    site outside ``request.user``'s sites."""
    user = request.user
    if (namespace, url_name) in EVERY_SITE_VIEWS and not works_on_every_site(user):
        raise PermissionDenied
    if (namespace, url_name) == ("wagtail_localize", "snippets_api_detail"):
        model = snippet_model(kwargs.get("app_label"), kwargs.get("model_name"))
        _check_object(user, _site_policy(model), kwargs["pk"])
        return
    if namespace.startswith(SNIPPET_NAMESPACE_PREFIXES) and "pk" in kwargs:
        model = next(
            (
                model
                for model in get_snippet_models()
                if namespace.endswith(f"_{model._meta.app_label}_{model._meta.model_name}")
            ),
            None,
        )
        _check_object(user, _site_policy(model), kwargs["pk"])
    elif url_name == "wagtail_bulk_action":
        policy = _site_policy(snippet_model(kwargs.get("app_label"), kwargs.get("model_name")))
        if policy is not None:
            given = request.GET.getlist("id")
            ids = [value for value in given if value.isdigit()]
            site_ids = policy.model._default_manager.filter(pk__in=ids).values_list(
                f"{policy.site_field}_id", flat=True
            )
            everything = "all" in given and not (user.is_active and user.is_superuser)
            if everything or any(not may_work_on_site(user, site_id) for site_id in site_ids):
                raise PermissionDenied
    elif (
        namespace == SETTINGS_NAMESPACE
        and kwargs.get("pk") is not None
        and _is_site_setting(kwargs.get("app_name"), kwargs.get("model_name"))
        and not may_work_on_site(user, int(kwargs["pk"]))
    ):
        raise PermissionDenied


class SiteScopeMiddleware:
    """Runs ``check_site_scope`` before the admin's views (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and request.user.is_authenticated:
            check_site_scope(request, match.namespace, match.url_name, view_kwargs)
        return None


class SiteScopedForm(WagtailAdminModelForm):
    """The admin form of a record with a ``site``: the user's sites only, the only one
    pre-selected, and a site required."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get("site")
        if field is None or for_user is None:
            return
        field.required = True
        if not for_user.is_superuser:
            field.queryset = Site.objects.filter(pk__in=user_site_ids(for_user))
            sites = list(field.queryset)
            if len(sites) == 1 and not self.instance.site_id:
                field.initial = sites[0].pk


class SiteScopedChooseMixin:
    """A snippet chooser listing the records of the user's sites and the shared ones."""

    def get_object_list(self):
        objects = super().get_object_list()
        return policy_registry.get_by_type(self.model_class).choosable_queryset(
            self.request.user, objects
        )


class SiteScopedCreationMixin:
    """The chooser's creation form knows its user (``SiteScopedForm``: the user's sites only)."""

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "for_user": self.request.user}


class SiteScopedChooseView(SiteScopedChooseMixin, SiteScopedCreationMixin, ChooseView):
    pass


class SiteScopedChooseResultsView(
    SiteScopedChooseMixin, SiteScopedCreationMixin, ChooseResultsView
):
    pass


class SiteScopedCreateView(SiteScopedCreationMixin, SnippetCreateView):
    """Creates the record as the snippet's own « add » view does (a draft, with its revision
    and its log entry), not with a bare ``form.save()``."""

    def save_form(self, form):
        return CreateAction(form.instance, user=self.request.user, form=form).execute()


class SiteScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SiteScopedChooseView
    choose_results_view_class = SiteScopedChooseResultsView
    create_view_class = SiteScopedCreateView


class SiteScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose listing, exports, choosers and object views keep the records of
    the user's sites (the object views through ``SiteScopeMiddleware``); its model's
    ``SitePermissionPolicy`` is registered with ``register_site_scoped``."""

    chooser_viewset_class = SiteScopedChooserViewSet

    def get_queryset(self, request):
        return self.permission_policy.scoped_queryset(request.user)
