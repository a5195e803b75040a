"""Keeping an uploaded file between the dry run and the confirmation.

The file goes to a private directory (``GUIDE_IMPORT_DIR``, outside ``MEDIA_ROOT``, never
served) under a random token. The confirmation form carries a signed ticket naming the token,
the file's kind and its uploader; it expires after a day, as do forgotten files.
"""

import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing

SALT = "guide.transfer.import"
MAX_AGE = 24 * 3600
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


class StagedFileMissing(Exception):
    pass


def import_dir():
    directory = getattr(settings, "GUIDE_IMPORT_DIR", None) or (
        Path(settings.BASE_DIR) / "var" / "imports"
    )
    return Path(directory)


@dataclass
class StagedFile:
    token: str
    extension: str
    name: str
    kind: str
    user_id: int

    @property
    def path(self):
        return import_dir() / f"{self.token}{self.extension}"

    def read(self):
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise StagedFileMissing from None

    def delete(self):
        self.path.unlink(missing_ok=True)

    def ticket(self):
        return signing.dumps(
            {
                "token": self.token,
                "ext": self.extension,
                "name": self.name,
                "kind": self.kind,
                "user": self.user_id,
            },
            salt=SALT,
        )


def stage(data, name, kind, user_id):
    """Write ``data`` under a new token; returns the StagedFile."""
    directory = import_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    purge_old(directory)
    extension = Path(name).suffix.lower()
    staged = StagedFile(secrets.token_urlsafe(24), extension, Path(name).name, kind, user_id)
    staged.path.write_bytes(data)
    staged.path.chmod(0o600)
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
    return StagedFile(data["token"], data["ext"], data.get("name", ""), data.get("kind"), user_id)


def purge_old(directory):
    limit = time.time() - MAX_AGE
    for path in directory.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass
