"""A fiche's permanent link from its first save, its title from its publications, and its
addresses remembered when a published fiche is deleted (guide/signals.py lists everything that
happens to a fiche)."""

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
def ensure_permanent_link(sender, instance, raw=False, update_fields=None, **kwargs):
    """Every fiche has its permanent link from its first save; the link keeps the title the
    public saw (the French one, else the first published) for the day the fiche is gone."""
    if raw:
        return
    link = PermanentLink.objects.for_uuid(instance.aid_uuid)
    if not writes_public_title(instance, update_fields):
        return
    french = instance.locale.language_code == settings.LANGUAGE_CODE
    if (french or not link.title) and link.title != instance.title:
        PermanentLink.objects.filter(pk=link.pk).update(title=instance.title)


def writes_public_title(page, update_fields):
    """Whether this save writes the title visitors see: the row of a live page, saved with its
    title (a publication; a page created live by a loader or a copy).

    A draft never does: Wagtail saves a draft of a live page as a revision, writing the row's
    draft title only (``update_fields``), and the row of a page never published (or unpublished
    since), whose title is a draft's, is not live. Copying the title on every save, as before,
    let a never-published draft's code answer 410 with its title, and a draft's new title show
    on a published fiche's 410 page.
    """
    return page.live and (update_fields is None or "title" in update_fields)


@receiver(pre_delete, sender=AidPage, dispatch_uid="guide_gone_paths")
def remember_gone_paths(sender, instance, **kwargs):
    """Before a fiche is deleted: its public path and the redirects that led to it answer 410
    Gone from now on on the fiche's site (the 404 handler reads them; another site with the
    same path answers 404), unless a page takes the path again. A fiche never published had no
    public address: nothing is remembered, and its code stays unknown (404)."""
    public = instance.live or instance.first_published_at is not None
    # A live fiche's row holds its published title (for a link missing until now).
    link = PermanentLink.objects.for_uuid(
        instance.aid_uuid, instance.title if instance.live else ""
    )
    if not (public and link.was_published):
        return
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
