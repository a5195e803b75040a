"""Backup and restore of the site's content and media (``backup_site``, ``restore_site``;
docs/backups.md).

A backup is one folder ``backup-YYYYMMDDTHHMMSSZ`` (UTC) holding the database (``pg_dump``'s
custom format, or a SQLite copy), ``media.tar.gz`` (MEDIA_ROOT, when on the local disk) and
``manifest.json``. It is written under a temporary name and renamed when complete, so a folder
with the final name is always whole.
"""

import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import django
import wagtail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from backup import database, media
from backup.errors import BackupError
from backup.manifest import (
    FORMAT,
    check_files,
    content_counts,
    count_differences,
    migration_heads,
    read_manifest,
    sha256_of,
    write_manifest,
)
from core import shared_cache

NAME_FORMAT = "backup-%Y%m%dT%H%M%SZ"
NAME_PATTERN = re.compile(r"^backup-\d{8}T\d{6}Z$")


def create_backup(output_dir, now=None, log=print):
    """Write one backup under ``output_dir``; returns its folder."""
    vendor = connection.vendor
    database.check_vendor(vendor)
    now = now or datetime.now(UTC)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / now.strftime(NAME_FORMAT)
    if final.exists():
        raise BackupError(f"{final} existe déjà.")
    # mkdtemp: a folder only its owner can read (the dump holds personal data).
    work = Path(tempfile.mkdtemp(prefix=f"{final.name}.partial-", dir=output_dir))
    try:
        dump_name = database.dump_file_name(vendor)
        # Database first: a document uploaded meanwhile leaves a file without a row (harmless),
        # never a row without its file.
        with database.frozen_view() as snapshot:
            counts = content_counts()
            heads = migration_heads()
            excluded = database.dump_database(work / dump_name, snapshot)
        log(f"Base de données ({database.VENDOR_NAMES[vendor]}) : {dump_name}")
        log(f"Tables sauvegardées vides (secrets et traces) : {', '.join(excluded)}")
        media_info = backup_media(work, log)
        manifest = {
            "format": FORMAT,
            "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "database": {"vendor": vendor, "file": dump_name, "rows_excluded": excluded},
            "versions": {"django": django.__version__, "wagtail": wagtail.__version__},
            "migrations": heads,
            "counts": counts,
            "media": media_info,
            "files": {path.name: sha256_of(path) for path in sorted(work.iterdir())},
        }
        write_manifest(work, manifest)
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


def backup_media(work, log):
    root = media.local_media_root()
    if root is None:
        note = media.object_storage_note()
        log(note)
        return {"archive": None, "note": note}
    count, skipped = media.archive_media(root, work / media.ARCHIVE)
    for path in skipped:
        log(f"Ignoré (lien ou fichier spécial) : {path}")
    log(f"Médias : {count} fichier(s) de {root} dans {media.ARCHIVE}")
    return {"archive": media.ARCHIVE, "files": count}


def prune_backups(output_dir, keep):
    """Delete the backups of ``output_dir`` beyond the ``keep`` newest; returns the deleted
    folders. Only folders named like a backup and holding a manifest are considered."""
    backups = sorted(
        path
        for path in Path(output_dir).iterdir()
        if path.is_dir() and NAME_PATTERN.match(path.name) and (path / "manifest.json").is_file()
    )
    old = backups[:-keep] if keep else backups
    for path in old:
        shutil.rmtree(path)
    return old


def restore_backup(source_dir, force=False, log=print):
    """Restore the backup folder into the configured database and MEDIA_ROOT. Everything that
    can be checked beforehand is (files, archive paths, target); the counts are checked after."""
    source_dir = Path(source_dir)
    manifest = read_manifest(source_dir)
    check_files(source_dir, manifest)
    vendor = manifest["database"].get("vendor")
    if vendor != connection.vendor:
        raise BackupError(
            f"La sauvegarde vient d'une base {database.VENDOR_NAMES.get(vendor, vendor)}, la base "
            f"configurée est {database.VENDOR_NAMES.get(connection.vendor, connection.vendor)}."
        )
    archive_name = (manifest.get("media") or {}).get("archive")
    archive = source_dir / archive_name if archive_name else None
    if archive is not None and archive_name not in manifest["files"]:
        raise BackupError(f"{archive_name} n'est pas dans la liste des fichiers du manifeste.")
    root = media.local_media_root()
    if archive is not None and root is not None:
        media.checked_members(archive, root)
    content = database.existing_content()
    if content and not force:
        found = ", ".join(f"{count} {name}" for name, count in content.items())
        raise BackupError(
            f"La base de données n'est pas vide ({found}) : restauration refusée. Restaurez dans "
            "une base neuve, ou ajoutez --force pour remplacer son contenu."
        )
    database.restore_database(source_dir / manifest["database"]["file"])
    # A restore sends no signal: the values every process shares (sites, restrictions, menus...)
    # would describe the replaced database until they expire.
    shared_cache.forget_all()
    log(f"Base de données restaurée depuis {manifest['database']['file']}.")
    if archive is None:
        log((manifest.get("media") or {}).get("note") or "Pas de médias dans cette sauvegarde.")
    elif root is None:
        log(f"{media.object_storage_note()} {archive_name} n'est pas extrait.")
    else:
        count = media.extract_media(archive, root)
        log(f"Médias : {count} fichier(s) extraits dans {root}.")
    verify_restored(manifest)
    pending = pending_migrations()
    if pending:
        log(f"{pending} migration(s) du code restent à appliquer : lancez manage.py migrate.")
    return manifest


def verify_restored(manifest):
    problems = count_differences(manifest.get("counts", {}), content_counts())
    heads = migration_heads()
    if heads != manifest.get("migrations", heads):
        problems.append("migrations : l'état restauré diffère de celui du manifeste")
    if problems:
        raise BackupError(
            "La base restaurée ne correspond pas à la sauvegarde :\n- " + "\n- ".join(problems)
        )


def pending_migrations():
    """How many of the code's migrations the restored database lacks (a backup of an older
    version of the site)."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
