"""Admin hooks of the review loop: its panels first on the dashboard, the bulk publication
that approves pending reviews."""

from wagtail import hooks

from review.bulk_publish import PublishThroughReviewBulkAction
from review.dashboard import put_review_first


@hooks.register("construct_homepage_panels", order=100)
def review_panels_first(request, panels):
    # Set on the panels' instances: the dashboard sorts them after every hook has run.
    put_review_first(panels)


# Registered after Wagtail's own « Publier » (same action type, later order): it replaces it.
hooks.register("register_bulk_action", PublishThroughReviewBulkAction, order=100)
