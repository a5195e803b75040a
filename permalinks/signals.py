"""A fiche's permanent link from its first save, and its addresses remembered when it is deleted
(guide/signals.py lists everything that happens to a fiche)."""

from django.conf import settings
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect

from core import page_cache
from core.sites import site_of_page
from guide.models import AidPage
from permalinks.models import GonePath, PermanentLink

# A gone path answers 410 instead of 404; a link's title shows on its 410 page.
page_cache.shown_on_pages(GonePath, PermanentLink)


@receiver(post_save, sender=AidPage, dispatch_uid="guide_permalink")
def ensure_permanent_link(sender, instance, raw=False, **kwargs):
    """Every fiche has its permanent link from its first save; the link keeps the French title
    for the day the fiche is deleted."""
    if raw:
        return
    link = PermanentLink.objects.for_uuid(instance.aid_uuid, instance.title)
    if instance.locale.language_code == settings.LANGUAGE_CODE and link.title != instance.title:
        PermanentLink.objects.filter(pk=link.pk).update(title=instance.title)


@receiver(pre_delete, sender=AidPage, dispatch_uid="guide_gone_paths")
def remember_gone_paths(sender, instance, **kwargs):
    """Before a fiche is deleted: its public path and the redirects that led to it answer 410
    Gone from now on on the fiche's site (the 404 handler reads them; another site with the
    same path answers 404), unless a page takes the path again."""
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
