"""Signal receivers of the guide."""

from django.conf import settings
from django.db.models.signals import post_save, pre_delete

from guide.roles import grant_guide


def scope_roles_to_new_guide(sender, instance, created, raw=False, **kwargs):
    """A new guide (``AidIndexPage``) gets the Rédacteurs' and Valideurs' page permissions and
    the workflow "Relecture", as the guides that existed when the roles were created did."""
    if created and not raw:
        grant_guide(instance)


def connect():
    from guide.models import AidIndexPage, AidPage

    post_save.connect(
        scope_roles_to_new_guide, sender=AidIndexPage, dispatch_uid="guide_scope_roles"
    )
    post_save.connect(ensure_permanent_link, sender=AidPage, dispatch_uid="guide_permalink")
    pre_delete.connect(remember_gone_paths, sender=AidPage, dispatch_uid="guide_gone_paths")


def ensure_permanent_link(sender, instance, raw=False, **kwargs):
    """Every fiche has its permanent link from its first save; the link keeps the French title
    for the day the fiche is deleted."""
    from guide.models import PermanentLink

    if raw:
        return
    link = PermanentLink.objects.for_uuid(instance.aid_uuid, instance.title)
    if instance.locale.language_code == settings.LANGUAGE_CODE and link.title != instance.title:
        PermanentLink.objects.filter(pk=link.pk).update(title=instance.title)


def remember_gone_paths(sender, instance, **kwargs):
    """Before a fiche is deleted: its public path and the redirects that led to it answer 410
    Gone from now on on the fiche's site (the 404 handler reads them; another site with the
    same path answers 404), unless a page takes the path again."""
    from wagtail.contrib.redirects.models import Redirect

    from core.sites import site_of_page
    from guide.models import GonePath, PermanentLink

    link = PermanentLink.objects.for_uuid(instance.aid_uuid, instance.title)
    site = site_of_page(instance)
    if site is None:  # outside every site: no public path
        return
    paths = set(
        Redirect.objects.filter(redirect_page_id=instance.pk).values_list("old_path", flat=True)
    )
    url_parts = instance.get_url_parts()
    if url_parts is not None:
        paths.add(Redirect.normalise_path(url_parts[2]))
    for path in paths:
        GonePath.objects.update_or_create(site=site, path=path[:255], defaults={"link": link})
