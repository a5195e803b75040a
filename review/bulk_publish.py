"""Wagtail's bulk « Publier » on pages, recording a pending review as approved.

Wagtail's action publishes each page's latest revision, which cancels the review in progress
(``WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH``): the writer's submission reads « annulée ». When the
Valideur may approve the review's current task, we approve it in their name instead (task
after task, for a workflow of several); the workflow's end publishes the latest revision, as
Wagtail's action would have. Pages with no review in progress, or one the user cannot approve,
are published as Wagtail does.

Who may publish is unchanged: Wagtail's ``check_perm`` (the user's publish permission on each
page, so a Rédacteur or another territory's Valideur publishes nothing, even by a forged POST).
"""

from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction


def can_approve(obj, user, task_state):
    if user is None:
        return False
    actions = task_state.task.specific.get_actions(obj, user)
    return any(name == "approve" for name, _label, _modal in actions)


def approve_review(page, user):
    """Approve every task of ``page``'s review in progress that ``user`` may approve; True if
    the review ended approved (the page is then published)."""
    workflow_state = page.current_workflow_state
    if workflow_state is None or workflow_state.status != workflow_state.STATUS_IN_PROGRESS:
        return False
    while workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        task_state = workflow_state.current_task_state
        if task_state is None or not can_approve(page, user, task_state):
            return False
        task_state.specific.approve(user=user)
        workflow_state.refresh_from_db()
    return workflow_state.status == workflow_state.STATUS_APPROVED


def publish(page, user):
    page = page.specific
    if approve_review(page, user):
        return
    revision = page.get_latest_revision() or page.save_revision(user=user)
    revision.publish(user=user)


class PublishThroughReviewBulkAction(PublishBulkAction):
    @classmethod
    def execute_action(cls, objects, include_descendants=False, user=None, **kwargs):
        num_parent_objects, num_child_objects = 0, 0
        for page in objects:
            publish(page, user)
            num_parent_objects += 1
            if include_descendants:
                for descendant in page.get_descendants().not_live().specific().iterator():
                    if user is None or descendant.permissions_for_user(user).can_publish():
                        publish(descendant, user)
                        num_child_objects += 1
        return num_parent_objects, num_child_objects
