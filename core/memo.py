"""What one request (or one management command) remembers of the sites it serves: their root
paths, which site a page belongs to, a site's settings.

A page of fiches reads its site's settings once, not once per fiche. The memo is per thread and
per asynchronous context, and emptied:

- when a request starts or ends;
- whenever a ``Site``, or a page at a site root's depth (a home, a home's translation: the paths
  of a site's tree may have changed), is saved or deleted;
- whenever a model an app names with ``forget_when_changed`` is saved or deleted (the guide's
  settings).

A long-running shell or task worker calls ``forget()`` itself. The memo holds values only: what
it remembers is computed by ``core.sites`` and the apps. This module imports no model, so
``CoreConfig.ready`` can connect its receivers.
"""

from asgiref.local import Local
from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save

_memo = Local()


def memo():
    """The current request's memo: a dictionary, empty at the start of each request."""
    values = getattr(_memo, "values", None)
    if values is None:
        values = _memo.values = {}
    return values


def forget(**kwargs):
    """Empty the memo (also a signal receiver)."""
    _memo.values = {}


def forget_on_site_root_change(sender, instance, **kwargs):
    """A page at a site root's depth changed: the paths of a site's tree may have changed."""
    if (getattr(instance, "depth", None) or 0) <= 2 and isinstance(
        instance, apps.get_model("wagtailcore", "Page")
    ):
        forget()


def forget_when_changed(*labels):
    """Empty the memo whenever a model of ``labels`` ("app_label.ModelName") is saved or
    deleted."""
    for label in labels:
        post_save.connect(forget, sender=label, dispatch_uid=f"memo-{label}-saved")
        post_delete.connect(forget, sender=label, dispatch_uid=f"memo-{label}-deleted")


def connect_signals():
    post_save.connect(forget_on_site_root_change, dispatch_uid="memo-site-root-saved")
    post_delete.connect(forget_on_site_root_change, dispatch_uid="memo-site-root-deleted")
    request_started.connect(forget, dispatch_uid="memo-request-started")
    request_finished.connect(forget, dispatch_uid="memo-request-finished")
    forget_when_changed("wagtailcore.Site", "wagtailcore.Locale")
