"""Permanent links: a short code per aid that never changes (``/a/K7M2Q/``), and the paths of
deleted fiches, which answer 410 Gone instead of a bare 404.

A code belongs to an aid's national id (``AidPage.aid_uuid``), shared by the fiche and its
translations: ``/a/K7M2Q/`` leads to the French fiche, ``/en/a/K7M2Q/`` to the English one. It
survives renaming and moving (the code view looks the fiche up by id each time) and outlives the
fiche: once no fiche shows the aid, the code answers 410 with the aid's last published title.

The link exists from the fiche's first save, but its title is the public's only: it is copied
when the fiche is published (``permalinks/signals.py``), never from a draft. A code whose aid was
never published has no title and answers 404, as an unknown code: it reveals nothing.
"""

import secrets

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

# Crockford's base 32: no I, L, O or U, so a code read aloud or retyped from paper is unambiguous.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 5  # 32^5 = 33 million codes
READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalize_code(code):
    """What the visitor typed, as stored: upper case, confusable letters read as digits."""
    return code.strip().upper().translate(READ_AS)


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


class PermanentLinkManager(models.Manager):
    def for_uuid(self, aid_uuid, title=""):
        """The aid's link, created on first use with a fresh random code (and ``title``: pass
        one only when it is public, see ``PermanentLink.title``)."""
        link = self.filter(aid_uuid=aid_uuid).first()
        if link is not None:
            return link
        for _attempt in range(10):
            try:
                with transaction.atomic():
                    return self.create(aid_uuid=aid_uuid, code=new_code(), title=title)
            except IntegrityError:
                link = self.filter(aid_uuid=aid_uuid).first()
                if link is not None:  # created concurrently
                    return link
        raise RuntimeError("No free permanent-link code after 10 attempts.")


class PermanentLink(models.Model):
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, editable=False)
    aid_uuid = models.UUIDField(_("identifiant national"), unique=True, editable=False)
    # The title the public last saw: set on publication, never from a draft; empty while the aid
    # has never been published (its code then answers 404).
    title = models.CharField(
        _("dernier titre publié"),
        max_length=255,
        blank=True,
        help_text=_(
            "Affiché quand la fiche n'est plus en ligne. Vide tant qu'elle n'a jamais été publiée."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = PermanentLinkManager()

    class Meta:
        db_table = "guide_permanentlink"  # created by the guide app, whose part it was
        verbose_name = _("lien permanent")
        verbose_name_plural = _("liens permanents")

    def __str__(self):
        return f"/a/{self.code}/"

    @property
    def was_published(self):
        """Whether the aid was ever public: only then may its code answer 410 Gone (with the
        title) once no fiche shows it."""
        return bool(self.title)


class GonePath(models.Model):
    """A public path of a deleted fiche (its URL and the redirects that led to it)."""

    path = models.CharField(_("chemin"), max_length=255)
    # The site the fiche lived on (both territories' guides are at /aides/). Empty: recorded
    # before there were several sites, i.e. the default site's.
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link = models.ForeignKey(
        PermanentLink, verbose_name=_("lien permanent"), on_delete=models.CASCADE, related_name="+"
    )
    deleted_at = models.DateTimeField(_("supprimée le"), auto_now_add=True)

    class Meta:
        db_table = "guide_gonepath"  # created by the guide app, whose part it was
        constraints = [models.UniqueConstraint(fields=["site", "path"], name="unique_gone_path")]
        verbose_name = _("adresse d'une fiche supprimée")
        verbose_name_plural = _("adresses de fiches supprimées")

    def __str__(self):
        return self.path
