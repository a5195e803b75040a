"""The review's receivers: each decision on a review task is noted for a confirmation message
(``confirmations.py``)."""

from django.dispatch import receiver
from wagtail.signals import task_approved, task_rejected

from review.confirmations import APPROVED, CHANGES_REQUESTED, note


@receiver(task_approved)
def confirm_approval(sender, instance, user=None, **kwargs):
    note(instance, APPROVED)


@receiver(task_rejected)
def confirm_changes_requested(sender, instance, user=None, **kwargs):
    note(instance, CHANGES_REQUESTED)
