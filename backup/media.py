"""The media part of a backup: MEDIA_ROOT as a tar.gz when media are on the local disk.

An object storage (S3 and the like, ``MEDIA_S3_BUCKET``) is not copied: its own versioning and
replication protect it. A restore checks every member of the archive before extracting anything:
only plain files and folders, none leading outside MEDIA_ROOT.
"""

import os
import tarfile
from pathlib import Path, PurePosixPath

from django.core.files.storage import FileSystemStorage, storages

from backup.errors import BackupError

ARCHIVE = "media.tar.gz"
OBJECT_STORAGE_NOTE = (
    "Médias sur un stockage objet ({backend}) : non copiés ici, ils sont protégés par la "
    "gestion de versions (et la réplication) du stockage objet lui-même."
)


def local_media_root():
    """MEDIA_ROOT (the default storage's folder), or None when media are not on the local disk."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def object_storage_note():
    storage = storages["default"]
    return OBJECT_STORAGE_NOTE.format(
        backend=f"{type(storage).__module__}.{type(storage).__name__}"
    )


def archive_media(root, target):
    """Write every plain file under ``root`` to the tar.gz ``target``, paths relative to root.
    Returns (number of files, skipped paths: links and special files)."""
    count, skipped = 0, []
    with tarfile.open(target, "w:gz") as tar:
        if not root.is_dir():
            return count, skipped
        for folder, subfolders, names in os.walk(root):
            subfolders.sort()
            for name in sorted(names):
                path = Path(folder) / name
                if path.is_symlink() or not path.is_file():
                    skipped.append(str(path))
                    continue
                tar.add(path, arcname=path.relative_to(root).as_posix(), recursive=False)
                count += 1
    return count, skipped


def checked_members(archive, root):
    """The archive's members, once each is known to be a plain file or folder inside ``root``."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            return check_members(tar.getmembers(), root)
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{archive} est illisible ({error}).") from error


def check_members(members, root):
    real_root = os.path.realpath(root)
    for member in members:
        name = member.name
        path = PurePosixPath(name)
        inside = os.path.realpath(os.path.join(real_root, name))
        if (
            path.is_absolute()
            or ".." in path.parts
            or "\\" in name
            or os.path.commonpath([real_root, inside]) != real_root
        ):
            raise BackupError(
                f"L'archive des médias contient un chemin qui sort de MEDIA_ROOT : {name!r}. "
                "Restauration refusée, rien n'a été modifié."
            )
        if not (member.isfile() or member.isdir()):
            raise BackupError(
                f"L'archive des médias contient {name!r}, qui n'est ni un fichier ni un dossier "
                "(lien ou fichier spécial). Restauration refusée, rien n'a été modifié."
            )
    return members


def extract_media(archive, root):
    """Extract the archive under ``root`` (existing files of the same name are replaced, others
    left), its members checked again; Python's "data" filter repeats the checks as it writes.
    Returns the number of files."""
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        members = check_members(tar.getmembers(), root)
        tar.extractall(root, members=members, filter="data")
    return sum(1 for member in members if member.isfile())
