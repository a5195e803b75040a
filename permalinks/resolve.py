"""From a permanent link to the fiche a visitor should see, in their language, on their site.

Each territory is a Wagtail ``Site`` with its own host, and a code is resolved within the
request's site only. The choice for a code of another site's fiche: **404, as an unknown
code**. A redirect would send the visitor to another territory's guide, and a 410 would show
the other site's fiche title; for this site the code means nothing. The same holds once the
fiche is deleted: the site it lived on answers 410, the others 404.

Which site a fiche lives (or lived) on:

- while a page carries the aid's id (live or not, any language): the site of its tree
  (``site_tree_q``), so a fiche of this site unpublished since it was published still answers
  410;
- once deleted: the sites of its gone paths (``GonePath``, recorded with their site by
  ``guide.signals``). Gone paths recorded before there were several sites (no site) and a
  deleted fiche with no gone path at all belong to the default site, the only one there was.

An aid never published (``PermanentLink.was_published``) answers 404 on every site, as an
unknown code: a draft's code or title is nobody's business but its editors'.
"""

from django.db.models import Q
from django.utils.translation import get_language
from wagtail.contrib.redirects.models import Redirect

from core.locales import default_locale
from core.sites import site_tree_q
from guide.models import AidPage
from permalinks.models import GonePath, PermanentLink, normalize_code


def public_fiches(aid_uuid, site):
    """The live, public fiches of this aid on ``site``, in every language."""
    return (
        AidPage.objects.live()
        .public()
        .filter(site_tree_q(site), aid_uuid=aid_uuid)
        .select_related("locale")
    )


def fiche_for_language(aid_uuid, site, language=None):
    """The live, public fiche of this aid on ``site`` in ``language`` (the active one by
    default), else in the default language, else in any language; ``None`` when there is none
    (on this site: a fiche of another site is never returned)."""
    fiches = list(public_fiches(aid_uuid, site))
    if not fiches:
        return None
    by_language = {fiche.locale.language_code: fiche for fiche in fiches}
    language = language or get_language() or ""
    default = default_locale().language_code
    return by_language.get(language) or by_language.get(default) or fiches[0]


def link_for_code(code):
    return PermanentLink.objects.filter(code=normalize_code(code)).first()


# Gone fiches ------------------------------------------------------------------------------------


def gone_paths_of(site):
    """The gone paths recorded on ``site`` (those recorded before there were several sites, with
    no site, are the default site's)."""
    if site.is_default_site:
        return GonePath.objects.filter(Q(site=site) | Q(site__isnull=True))
    return GonePath.objects.filter(site=site)


def gone_from(link, site):
    """Whether the code of ``link`` answers 410 Gone on ``site``, no fiche showing it there: the
    aid was published once, on this site."""
    return link.was_published and lived_on(link, site)


def lived_on(link, site):
    """Whether the aid of ``link`` is (or was) a fiche of ``site``, live or not."""
    pages = AidPage.objects.filter(aid_uuid=link.aid_uuid)
    if pages.exists():
        return pages.filter(site_tree_q(site)).exists()
    if not GonePath.objects.filter(link=link).exists():
        return site.is_default_site
    return gone_paths_of(site).filter(link=link).exists()


def gone_link_for_path(site, path):
    """The permanent link of the deleted fiche of ``site`` that lived at ``path``, if any."""
    if site is None or "\x00" in path:
        return None  # no page ever lived at an address with a NUL (PostgreSQL refuses it)
    gone = (
        gone_paths_of(site)
        .filter(path=Redirect.normalise_path(path))
        .exclude(link__title="")  # never published: nothing to say (recorded before, if at all)
        .select_related("link")
        .order_by("-pk")
    )
    found = gone.first()
    return found.link if found else None
