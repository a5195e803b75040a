"""The national Table Schema the open data follows (etalab ``dispositif-aide`` v0.2.0, business
extension ``dispositif-aide-professionnels``), read from the copy kept in ``schema/``.

The extension holds every field of the core schema, in the same order, then its own: it is the
one the export writes and is validated against.
"""

import json
from functools import cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
SCHEMA_FILE = SCHEMA_DIR / "dispositif-aide-professionnels--schema.json"

LICENCE_NAME = "etalab-2.0"
LICENCE_TITLE = "Licence Ouverte / Open Licence version 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@cache
def national_schema():
    """The business extension's descriptor, as a dict (do not modify it)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def national_fields():
    """The schema's fields (dicts with name, title, description, type...), in file order."""
    return national_schema()["fields"]


def field_names():
    return [field["name"] for field in national_fields()]


def schema_version():
    return national_schema()["version"]


def schema_url():
    """Where the schema is published (its own ``path``): what a data package points to."""
    return national_schema()["path"]


def schema_homepage():
    return national_schema()["homepage"]
