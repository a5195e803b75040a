"""Signal receivers of the guide."""

from django.db.models.signals import post_save

from guide.roles import grant_guide


def scope_roles_to_new_guide(sender, instance, created, raw=False, **kwargs):
    """A new guide (``AidIndexPage``) gets the Rédacteurs' and Valideurs' page permissions and
    the workflow "Relecture", as the guides that existed when the roles were created did."""
    if created and not raw:
        grant_guide(instance)


def connect():
    from guide.models import AidIndexPage

    post_save.connect(
        scope_roles_to_new_guide, sender=AidIndexPage, dispatch_uid="guide_scope_roles"
    )
