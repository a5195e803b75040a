"""The referral note: what a business says when it calls a fiche's contact (« À contacter de
la part du Grand-Orly Seine Bièvre »). The whole rule is here; the places that apply it:

- **Each guide has its note**, in French and English (``GuideSettings.referral_note`` and
  ``referral_note_en``, « Paramètres du guide »), the built-in texts below by default.
- **A new contact line starts with its guide's note** (``prefill_note``): the fiche form
  pre-fills it (``AidPageForm``, with ``PrefilledInlinePanel``); the model field's default
  (``AidContact.referral_note``, ``settings.default_referral_note``) is the default site's.
- **No fiche is published without a contact and a note on each contact line**: the field is
  required and the contacts panel has ``min_num=1``; Wagtail defers both when an editor saves
  a draft and enforces them on « Publier » and « Soumettre à la relecture », with the messages
  below (``AidPageForm``); a contact line left blank (the one a new fiche starts with) is
  ignored, so it never blocks a draft, and on publication the fiche is refused as having no
  contact; a line with a note but no contact says to choose one. The import checks the same
  before it writes a draft (``transfer/rules.py``, ``missing_for_publication``).
- **The public site never shows an empty note** (``note_to_show``, read by ``AidContact.note``
  and by ``guide/public_contacts.py`` for every public output): a line saved blank in a draft
  shows its guide's note; on an English page, a line still carrying the French default shows
  the guide's English note. The territory's business contact, shown when none of a fiche's
  contacts may be, comes with the guide's note.
"""

from django.utils.translation import gettext_lazy as _

DEFAULT_REFERRAL_NOTE = "À contacter de la part du Grand-Orly Seine Bièvre"
DEFAULT_ENGLISH_REFERRAL_NOTE = "Please say you were referred by Grand-Orly Seine Bièvre"

CONTACT_MISSING = _(
    "Ajoutez au moins un contact : une fiche sans personne à appeler ni note de "
    "recommandation ne peut pas être publiée. Vous pouvez l'enregistrer en brouillon."
)
CONTACT_LINE_MISSING = _(
    "Choisissez le contact à appeler sur cette ligne, ou supprimez la ligne : une note de "
    "recommandation sans contact ne peut pas être enregistrée."
)
NOTE_MISSING = _(
    "La note de recommandation est obligatoire pour publier, par exemple « À contacter de la "
    "part du Grand-Orly Seine Bièvre »."
)


def is_english(language):
    return (language or "").split("-")[0] == "en"


def guide_note(guide_settings, language):
    """The note of a guide (its ``GuideSettings``, or None: the built-in texts) in
    ``language`` (French for any language but English)."""
    if is_english(language):
        return (guide_settings and guide_settings.referral_note_en) or (
            DEFAULT_ENGLISH_REFERRAL_NOTE
        )
    return (guide_settings and guide_settings.referral_note) or DEFAULT_REFERRAL_NOTE


def prefill_note(guide_settings, language="fr"):
    """What a new contact line of a fiche in ``language`` starts with."""
    return guide_note(guide_settings, language or "fr")


def note_to_show(note, language, guide_settings):
    """What a contact line whose note is ``note`` shows in ``language``, on a fiche of the
    guide of ``guide_settings`` (None: the built-in texts).

    The line's own note; the guide's note where it is blank; and, on a translated page, the
    guide's note in that language where the line still says the French default (its segment
    not yet translated): never the French default on an English page.
    """
    if not is_english(language):
        return note or guide_note(guide_settings, language)
    french_defaults = {guide_note(guide_settings, "fr"), DEFAULT_REFERRAL_NOTE}
    if not note or note in french_defaults:
        return guide_note(guide_settings, language)
    return note
