"""The editorial roles: three groups of the Wagtail admin and the review workflow "Relecture".

- **Rédacteurs** write: they create and edit fiches in the guide and the actors they need
  (organisations, contacts, programmes, documents, images), translate them (wagtail-localize)
  and submit fiches and actors for review. They cannot publish, unpublish, or delete a
  published fiche (Wagtail lets them delete their own drafts); a change to an actor is a draft
  until a Valideur publishes it (``guide/models/reviewed.py``).
- **Valideurs** review: everything a Rédacteur does, plus approve and publish, unpublish and
  lock fiches, contacts, organisations and programmes, and delete the last three; they manage
  the synonyms of the search.
- **Administrateurs** run the site: every page of the tree, the guide's settings, users,
  redirects, workflows, the reference vocabularies (types, publics, territories...).

Page permissions of Rédacteurs and Valideurs are scoped to the guide's subtree: they are granted
on each ``AidIndexPage``, by the data migration for the guides that exist and by a signal for
guides created later (the demo loader's, a translation's). The same two places attach the
workflow "Relecture" (one task, approved by a Valideur or an Administrateur) to each guide;
``sync_roles`` also attaches it to the actors (contacts, organisations, programmes).

``sync_roles`` takes an app registry so that the migration runs it with historical models; it is
idempotent (it only adds what is missing), so it can run again after a model is added.
"""

from django.apps import apps as global_apps

EDITORS = "Rédacteurs"
REVIEWERS = "Valideurs"
ADMINISTRATORS = "Administrateurs"
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
_SYNONYMS = [f"site_search.{action}_synonymgroup" for action in ("add", "change", "delete")]
# wagtail-localize's "Translate" action on pages and snippets (the English page's edit and
# publish rights are the page permissions below).
_TRANSLATE = ["wagtail_localize.submit_translation"]
_REFERENCES = [
    f"guide.{action}_{model}" for model in REFERENCES for action in ("add", "change", "delete")
]
_SITE = [
    "guide.change_guidesettings",
    *(f"auth.{action}_user" for action in ("add", "change", "delete")),
    *(f"wagtailredirects.{action}_redirect" for action in ("add", "change", "delete")),
    *(f"wagtailcore.{action}_workflow" for action in ("add", "change")),
    *(f"wagtailcore.{action}_task" for action in ("add", "change")),
]

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

# Page permissions: on each guide (AidIndexPage) for the first two, on the whole tree for the last.
GUIDE_PAGE_PERMISSIONS = {
    EDITORS: ["add", "change"],
    REVIEWERS: ["add", "change", "publish", "lock", "unlock"],
}
SITE_PAGE_PERMISSIONS = {
    ADMINISTRATORS: ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
}

# Collection permissions (documents and images) on the root collection.
COLLECTION_PERMISSIONS = {
    EDITORS: ["add", "change", "choose"],
    REVIEWERS: ["add", "change", "choose"],
    ADMINISTRATORS: ["add", "change", "delete", "choose"],
}
COLLECTION_MODELS = (("wagtaildocs", "document"), ("wagtailimages", "image"))

WORKFLOW_APPROVERS = (REVIEWERS, ADMINISTRATORS)


def _permission(apps, app_label, codename):
    """The permission, or None when it does not exist yet: an early migration runs this
    before later models' permissions exist (Wagtail creates the snippets' "publish", "lock"
    and "unlock" after the migrations; migration 0017 creates them and runs this again)."""
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _page_permission(apps, action):
    return _permission(apps, "wagtailcore", f"{action}_page")


def sync_roles(apps=global_apps):
    """Create or complete the three groups, their permissions and the workflow."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in MODEL_PERMISSIONS}
    for name, perms in MODEL_PERMISSIONS.items():
        found = (_permission(apps, *perm.split(".", 1)) for perm in perms)
        groups[name].permissions.add(*(permission for permission in found if permission))

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for name, actions in SITE_PAGE_PERMISSIONS.items():
            for action in actions:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page=root, permission=_page_permission(apps, action)
                )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, actions in COLLECTION_PERMISSIONS.items():
            for app_label, model in COLLECTION_MODELS:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name],
                        collection=root_collection,
                        permission=_permission(apps, app_label, f"{action}_{model}"),
                    )

    workflow = _review_workflow(apps, groups)
    for guide in apps.get_model("guide", "AidIndexPage").objects.all():
        grant_guide(guide, apps=apps, workflow=workflow)
    _review_actors(apps, workflow)


def _review_actors(apps, workflow):
    """The workflow "Relecture" for contacts, organisations and programmes (unless an
    administrator gave them another); no-op before their drafts exist (migration 0016)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for model in GUIDE_ACTORS:
        if "live" not in {field.name for field in apps.get_model("guide", model)._meta.fields}:
            continue
        content_type, _ = ContentType.objects.get_or_create(app_label="guide", model=model)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def _review_workflow(apps, groups):
    """The workflow "Relecture" with its one task, approved by Valideurs or Administrateurs."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    task.groups.add(*(groups[name] for name in WORKFLOW_APPROVERS))
    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def grant_guide(guide, apps=global_apps, workflow=None):
    """Scope the Rédacteurs' and Valideurs' page permissions to ``guide`` and attach the
    workflow "Relecture" to it (unless it already has a workflow). No-op before the roles exist
    (e.g. a guide created by a migration that runs before ours)."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    for name, actions in GUIDE_PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=guide.pk, permission=_page_permission(apps, action)
            )
    workflow = workflow or Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None and not WorkflowPage.objects.filter(page_id=guide.pk).exists():
        WorkflowPage.objects.create(page_id=guide.pk, workflow=workflow)
