"""The dashboard's review panels first: what awaits the user's review (Valideurs), then the
user's own submissions (Rédacteurs), above the reports' panel (``reports/dashboard.py``,
order 50) and Wagtail's recent edits and locked pages. The dashboard sorts its panels by
``order``: we give Wagtail's two review panels a smaller one."""

from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)

FIRST = {WorkflowObjectsToModeratePanel: 10, UserObjectsInWorkflowModerationPanel: 20}


def put_review_first(panels):
    for panel in panels:
        for panel_class, order in FIRST.items():
            if isinstance(panel, panel_class):
                panel.order = order
