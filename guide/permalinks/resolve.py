"""From a permanent link to the fiche a visitor should see, in their language."""

from django.utils.translation import get_language
from wagtail.models import Locale

from guide.models import AidPage, GonePath, PermanentLink
from guide.models.permanent_link import normalize_code


def public_fiches(aid_uuid):
    return AidPage.objects.live().public().filter(aid_uuid=aid_uuid).select_related("locale")


def fiche_for_language(aid_uuid, language=None):
    """The live, public fiche of this aid in ``language`` (the active one by default), else in
    the default language, else in any language; ``None`` when there is none."""
    fiches = list(public_fiches(aid_uuid))
    if not fiches:
        return None
    by_language = {fiche.locale.language_code: fiche for fiche in fiches}
    language = language or get_language() or ""
    default = Locale.get_default().language_code
    return by_language.get(language) or by_language.get(default) or fiches[0]


def link_for_code(code):
    return PermanentLink.objects.filter(code=normalize_code(code)).first()


def gone_link_for_path(path):
    """The permanent link of the deleted fiche that lived at ``path``, if any."""
    from wagtail.contrib.redirects.models import Redirect

    gone = GonePath.objects.filter(path=Redirect.normalise_path(path)).select_related("link")
    found = gone.first()
    return found.link if found else None
