"""Keeping an uploaded file between the dry run and the confirmation.

The file is stored in the database (``StagedImport``) under a random token, so that the
confirmation may reach any app server behind a load balancer and no server keeps a file of its
own. The confirmation form carries a signed ticket naming the token, the file's kind, its
uploader and the guide the dry run was made for (the confirmation imports into that guide
only); it expires after a day, as do forgotten files.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.core import signing
from django.utils import timezone

from transfer.models import StagedImport

SALT = "guide.transfer.import"  # unchanged since the app was part of the guide
MAX_AGE = 24 * 3600
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


class StagedFileMissing(Exception):
    pass


@dataclass
class StagedFile:
    token: str
    extension: str
    name: str
    kind: str
    user_id: int
    guide_id: int | None = None

    def read(self):
        data = (
            StagedImport.objects.filter(
                token=self.token, user_id=self.user_id, created_at__gte=oldest_kept()
            )
            .values_list("data", flat=True)
            .first()
        )
        if data is None:
            raise StagedFileMissing
        return bytes(data)

    def delete(self):
        StagedImport.objects.filter(token=self.token).delete()

    def ticket(self):
        return signing.dumps(
            {
                "token": self.token,
                "ext": self.extension,
                "name": self.name,
                "kind": self.kind,
                "user": self.user_id,
                "guide": self.guide_id,
            },
            salt=SALT,
        )


def oldest_kept():
    return timezone.now() - timedelta(seconds=MAX_AGE)


def stage(data, name, kind, user_id, guide_id=None):
    """Store ``data`` under a new token; returns the StagedFile."""
    purge_old()
    extension = Path(name).suffix.lower()
    staged = StagedFile(
        secrets.token_urlsafe(24), extension, Path(name).name, kind, user_id, guide_id
    )
    StagedImport.objects.create(
        token=staged.token,
        name=staged.name[:255],
        extension=extension,
        kind=kind,
        user_id=user_id,
        data=data,
    )
    return staged


def from_ticket(ticket, user_id):
    """The StagedFile a ticket names, if the ticket is genuine, fresh and the user's."""
    try:
        data = signing.loads(ticket, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("user") != user_id or not TOKEN.fullmatch(str(data.get("token", ""))):
        return None
    if data.get("ext") not in (".xlsx", ".csv"):
        return None
    return StagedFile(
        data["token"],
        data["ext"],
        data.get("name", ""),
        data.get("kind"),
        user_id,
        data.get("guide"),
    )


def purge_old():
    """Forget the files whose dry run is more than a day old."""
    StagedImport.objects.filter(created_at__lt=oldest_kept()).delete()
