"""The editorial roles: each territory's (each Wagtail site's) three groups and its review
workflow, held by its ``EditorialTeam`` (``guide/models/team.py``).

- **Rédacteurs** write: they create and edit fiches in their guide and the records they need
  (organisations, contacts, programmes, documents, images), translate them (wagtail-localize)
  and submit fiches and records for review. They cannot publish, unpublish, or delete a
  published fiche (Wagtail lets them delete their own drafts); a change to a record is a draft
  until a Valideur publishes it (``guide/models/reviewed.py``).
- **Valideurs** review: everything a Rédacteur does, plus approve and publish, unpublish and
  lock fiches, contacts, organisations and programmes, and delete the last three; they manage
  the synonyms of the search.
- **Administrateurs** run their territory's site: every page of it, its guide's settings, the
  reference vocabularies (types, publics, territories...).

Accounts, groups, workflows and redirects are managed by the instance's superusers: a
territory's administrator who could edit them could give himself another territory's rights
(a group, a workflow task's approvers) or redirect another site's addresses.

Every right stops at the team's site: page permissions on the site's guides (Rédacteurs,
Valideurs) and on its home page and its translations (Administrateurs); documents and images
in the site's collection; records whose ``site`` is the team's (``core/site_scope.py``); the
settings of the site. The workflow « Relecture · <territoire> » (one task, approved by the
team's Valideurs and Administrateurs) is attached to the site's guides and reviews its records.

``ensure_team`` creates or completes a site's team; it runs after every ``migrate`` for every
site, and when a site, a guide or a home page is created (``guide/signals.py``). It only adds
what is missing (and renames the groups when the site's name changes).
"""

from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import create_extra_permissions

from core.sites import site_of_page, site_tree_q
from guide.models import AidIndexPage, EditorialTeam

EDITORS = "Rédacteurs"
REVIEWERS = "Valideurs"
ADMINISTRATORS = "Administrateurs"
ROLES = (EDITORS, REVIEWERS, ADMINISTRATORS)
TEAM_FIELDS = {EDITORS: "editors", REVIEWERS: "reviewers", ADMINISTRATORS: "administrators"}
WORKFLOW_NAME = "Relecture"
TASK_NAME = "Relecture par un valideur"

GUIDE_ACTORS = ("organisation", "contact", "fundingprogramme")
REFERENCES = ("aidtype", "audience", "companysize", "sector", "projectstage", "territory")

# Model permissions, as "app_label.codename".
_ACCESS = ["wagtailadmin.access_admin"]
_WRITE_ACTORS = [
    f"guide.{action}_{model}" for model in GUIDE_ACTORS for action in ("add", "change")
]
_MANAGE_ACTORS = [
    f"guide.{action}_{model}"
    for model in GUIDE_ACTORS
    for action in ("add", "change", "delete", "publish", "lock", "unlock")
]
# The search vocabularies: synonyms and everyday words (search/models.py).
_SYNONYMS = [
    f"site_search.{action}_{model}"
    for model in ("synonymgroup", "everydaywords")
    for action in ("add", "change", "delete")
]
# wagtail-localize's "Translate" action on pages and snippets (who may translate what:
# core/translation_rights.py).
_TRANSLATE = ["wagtail_localize.submit_translation"]
_REFERENCES = [
    f"guide.{action}_{model}" for model in REFERENCES for action in ("add", "change", "delete")
]
_SITE = ["guide.change_guidesettings"]

MODEL_PERMISSIONS = {
    EDITORS: [*_ACCESS, *_WRITE_ACTORS, *_TRANSLATE],
    REVIEWERS: [*_ACCESS, *_MANAGE_ACTORS, *_SYNONYMS, *_TRANSLATE],
    ADMINISTRATORS: [
        *_ACCESS,
        *_MANAGE_ACTORS,
        *_SYNONYMS,
        *_TRANSLATE,
        *_REFERENCES,
        *_SITE,
    ],
}

# Page permissions: on each of the site's guides (AidIndexPage) for the first two, on the
# site's home page (and its translations) for the last.
GUIDE_PAGE_PERMISSIONS = {
    EDITORS: ["add", "change"],
    REVIEWERS: ["add", "change", "publish", "lock", "unlock"],
}
SITE_PAGE_PERMISSIONS = {
    ADMINISTRATORS: ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
}

# Collection permissions (documents and images) on the site's collection.
COLLECTION_PERMISSIONS = {
    EDITORS: ["add", "change", "choose"],
    REVIEWERS: ["add", "change", "choose"],
    ADMINISTRATORS: ["add", "change", "delete", "choose"],
}
COLLECTION_MODELS = (("wagtaildocs", "document"), ("wagtailimages", "image"))

WORKFLOW_APPROVERS = (REVIEWERS, ADMINISTRATORS)

# The apps whose permissions the roles grant.
APPS_WITH_PERMISSIONS = [
    "auth",
    "wagtailcore",
    "wagtailadmin",
    "wagtaildocs",
    "wagtailimages",
    "guide",
    "site_search",
    "wagtail_localize",
]


def territory_label(site):
    return site.site_name or site.hostname


def group_name(role, site):
    return f"{role} · {territory_label(site)}"


def _permissions():
    """{"app_label.codename": Permission} for the apps the roles draw on, in one query (a
    permission not created yet is simply absent)."""
    permissions = Permission.objects.filter(
        content_type__app_label__in=APPS_WITH_PERMISSIONS
    ).select_related("content_type")
    return {f"{p.content_type.app_label}.{p.codename}": p for p in permissions}


def _named(model, name, current=None):
    """``name``, or ``name (2)``, ``name (3)``... when another row of ``model`` has it."""
    candidate, number = name, 1
    while model.objects.filter(name=candidate).exclude(pk=getattr(current, "pk", None)).exists():
        number += 1
        candidate = f"{name} ({number})"
    return candidate


def _rename(instance, name):
    if not instance.name.startswith(name):
        instance.name = _named(type(instance), name, instance)
        instance.save(update_fields=["name"])


def ensure_team(site):
    """The site's ``EditorialTeam``, created or completed: its groups and their rights, its
    workflow attached to its guides."""
    team = EditorialTeam.objects.filter(site=site).first()
    label = territory_label(site)
    if team is None:
        groups = {
            role: Group.objects.create(name=_named(Group, group_name(role, site))) for role in ROLES
        }
        team = EditorialTeam.objects.create(
            site=site,
            workflow=_new_workflow(label, [groups[role] for role in WORKFLOW_APPROVERS]),
            **{TEAM_FIELDS[role]: group for role, group in groups.items()},
        )
    groups = {role: getattr(team, TEAM_FIELDS[role]) for role in ROLES}
    for role, group in groups.items():
        _rename(group, group_name(role, site))
    _rename(team.workflow, f"{WORKFLOW_NAME} · {label}")
    permissions = _permissions()
    for role, perms in MODEL_PERMISSIONS.items():
        groups[role].permissions.add(*(permissions[p] for p in perms if p in permissions))
    for task in team.workflow.tasks.all():
        if isinstance(task.specific, GroupApprovalTask):
            task.specific.groups.add(*(groups[role] for role in WORKFLOW_APPROVERS))
    homes = Page.objects.filter(
        translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key")
    )
    for home in homes:
        _grant_pages(home, groups, SITE_PAGE_PERMISSIONS, permissions)
    for guide in AidIndexPage.objects.filter(site_tree_q(site)):
        _grant_guide(guide, team, permissions)
    _grant_collection(site, groups, permissions)
    return team


def _new_workflow(label, approvers):
    task = GroupApprovalTask.objects.create(
        name=_named(GroupApprovalTask, f"{TASK_NAME} · {label}"),
        content_type=ContentType.objects.get_for_model(GroupApprovalTask),
        active=True,
    )
    task.groups.add(*approvers)
    workflow = Workflow.objects.create(
        name=_named(Workflow, f"{WORKFLOW_NAME} · {label}"), active=True
    )
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _grant_pages(page, groups, actions_by_role, permissions):
    for role, actions in actions_by_role.items():
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=groups[role],
                page=page,
                permission=permissions[f"wagtailcore.{action}_page"],
            )


def _grant_guide(guide, team, permissions):
    groups = {role: getattr(team, TEAM_FIELDS[role]) for role in ROLES}
    _grant_pages(guide, groups, GUIDE_PAGE_PERMISSIONS, permissions)
    attached = WorkflowPage.objects.filter(page=guide).first()
    if attached is None:
        WorkflowPage.objects.create(page=guide, workflow=team.workflow)
    elif attached.workflow_id != team.workflow_id and _is_team_workflow(attached.workflow_id):
        attached.workflow = team.workflow  # another territory's review: never
        attached.save()


def _is_team_workflow(workflow_id):
    return EditorialTeam.objects.filter(workflow_id=workflow_id).exists()


def _grant_collection(site, groups, permissions):
    root = Collection.get_first_root_node()
    if root is None:
        return
    label = territory_label(site)
    collection = next(
        (child for child in root.get_children() if child.name == label), None
    ) or root.add_child(instance=Collection(name=label))
    for role, actions in COLLECTION_PERMISSIONS.items():
        for app_label, model in COLLECTION_MODELS:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[role],
                    collection=collection,
                    permission=permissions[f"{app_label}.{action}_{model}"],
                )


def team_of(site):
    """The site's team: the existing one, else created whole (``ensure_team``)."""
    return EditorialTeam.objects.filter(site=site).first() or ensure_team(site)


def grant_guide(guide):
    """A new guide (the demo's, a translation's) gets its site's team rights and workflow."""
    site = site_of_page(guide)
    if site is not None:
        _grant_guide(guide, team_of(site), _permissions())


def ensure_all_teams():
    """Every site's team, after ``migrate``. The permissions the roles grant are created first
    (Django's and Wagtail's snippet "publish", "lock", "unlock"), whatever the order in which
    the post-migrate receivers run."""
    for label in APPS_WITH_PERMISSIONS:
        config = django_apps.get_app_config(label)
        create_permissions(config, verbosity=0)
        create_extra_permissions(config)
    for site in Site.objects.all():
        ensure_team(site)


def role_group(role, site=None):
    """The group of ``role`` in the team of ``site`` (by default the default site's)."""
    site = site or Site.objects.get(is_default_site=True)
    return getattr(team_of(site), TEAM_FIELDS[role])
