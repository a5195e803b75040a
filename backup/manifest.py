"""The manifest of a backup (``manifest.json``): when, from which database and code state, what
the site held, and the sha256 of each file, so that a restore can check all of it."""

import hashlib
import json
from pathlib import PurePath

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models import Count
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from backup.errors import BackupError
from guide.models import AidPage

MANIFEST = "manifest.json"
FORMAT = 1
TOTALS = ("pages", "documents", "images")


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def migration_heads():
    """The latest applied migration(s) of each app: {"guide": ["0042_..."], ...}."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = set(loader.applied_migrations)
    heads = {}
    for app, name in sorted(applied):
        node = loader.graph.node_map.get((app, name))
        if node is None:  # replaced by a squashed migration, or no longer in the code
            continue
        if not any(child in applied and child[0] == app for child in node.children):
            heads.setdefault(app, []).append(name)
    return heads


def content_counts():
    per_locale = (
        AidPage.objects.order_by().values_list("locale__language_code").annotate(count=Count("pk"))
    )
    return {
        "pages": Page.objects.count(),
        "fiches": dict(sorted(per_locale)),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
    }


def count_differences(expected, found):
    """French lines, one per count that differs."""
    pairs = [(name, expected.get(name, 0), found.get(name, 0)) for name in TOTALS]
    expected_fiches, found_fiches = expected.get("fiches", {}), found.get("fiches", {})
    for locale in sorted(set(expected_fiches) | set(found_fiches)):
        pairs.append(
            (f"fiches ({locale})", expected_fiches.get(locale, 0), found_fiches.get(locale, 0))
        )
    return [
        f"{name} : {wanted} dans la sauvegarde, {got} dans la base restaurée"
        for name, wanted, got in pairs
        if wanted != got
    ]


def write_manifest(directory, manifest):
    path = directory / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_manifest(directory):
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} introuvable : ce dossier n'est pas une sauvegarde du site.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} est illisible ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} : format de manifeste inconnu (attendu : {FORMAT}).")
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise BackupError(f"{path} ne liste aucun fichier.")
    for name in files:
        if not isinstance(name, str) or PurePath(name).name != name or name.startswith("."):
            raise BackupError(f"{path} : nom de fichier invalide {name!r}.")
    if manifest.get("database", {}).get("file") not in files:
        raise BackupError(f"{path} : le fichier de la base n'est pas dans la liste des fichiers.")
    return manifest


def check_files(directory, manifest):
    """Every file of the manifest is there, with its sha256: a truncated copy or a changed file
    stops the restore before anything is touched."""
    problems = []
    for name, expected in manifest["files"].items():
        path = directory / name
        if not path.is_file():
            problems.append(f"{name} : absent")
        elif sha256_of(path) != expected:
            problems.append(f"{name} : empreinte sha256 différente de celle du manifeste")
    if problems:
        raise BackupError(
            "Sauvegarde altérée ou incomplète, rien n'a été restauré :\n- " + "\n- ".join(problems)
        )
