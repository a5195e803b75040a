"""The guide's open data: which fiches, in which order, written as CSV and JSON.

- **Which fiches**: the published, public fiches of one site (the request's, for the dataset
  page and its files) in the default locale (French): never a draft, an unpublished fiche, a
  fiche under a view restriction, a translation, nor another site's fiche.
- **Order**: by national id (``aid_uuid``), so that a fiche keeps its row when its title
  changes and two exports differ only where the data does.
- **Files**: ``dispositifs-aide.csv`` (the national schema, one row per fiche),
  ``contacts-dispositifs-aide.csv`` (the publishable contacts, see ``contacts.py``) and
  ``dispositifs-aide.json``, a Frictionless data package holding both tables inline, with the
  licence, the update date and the national schema's address.
- CSV: UTF-8 without BOM, comma separated, double quotes where needed (RFC 4180), a header
  line with the schema's field names.

Building the files reads every fiche; ``published_files`` keeps them in Django's cache under
a key, per site, that changes whenever what they say may change (``dataset_version``).
"""

import csv
import datetime
import hashlib
import io
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from guide.models import (
    AidPage,
    AidType,
    Audience,
    CompanySize,
    Contact,
    FundingProgramme,
    GuideSettings,
    Organisation,
    Sector,
    Territory,
)
from opendata.contacts import contact_field_names, contact_rows, contacts_schema
from opendata.records import moment, national_record
from opendata.schema import (
    LICENCE_NAME,
    LICENCE_TITLE,
    LICENCE_URL,
    field_names,
    schema_url,
)

EXPORT_LANGUAGE = settings.LANGUAGE_CODE
NATIONAL_RESOURCE = "dispositifs-aide"
CONTACTS_RESOURCE = "contacts-dispositifs-aide"
CACHE_PREFIX = "guide-opendata"
CACHE_TIMEOUT = 24 * 60 * 60  # the key changes with the data: this only bounds memory use


@dataclass(frozen=True)
class DataFile:
    key: str
    filename: str
    content_type: str
    format_label: str
    title: str  # for the dataset page (French)
    summary: str


NATIONAL_CSV = DataFile(
    "csv",
    f"{NATIONAL_RESOURCE}.csv",
    "text/csv; charset=utf-8",
    "CSV",
    _("Dispositifs d'aide"),
    _("Une ligne par fiche, au format du schéma national (UTF-8, séparateur virgule)."),
)
PACKAGE_JSON = DataFile(
    "json",
    f"{NATIONAL_RESOURCE}.json",
    "application/json",
    "JSON",
    _("Dispositifs d'aide et contacts"),
    _(
        "Les deux tableaux dans un paquet de données Frictionless (data package), avec la "
        "licence, la date de mise à jour et l'adresse du schéma national."
    ),
)
CONTACTS_CSV = DataFile(
    "contacts",
    f"{CONTACTS_RESOURCE}.csv",
    "text/csv; charset=utf-8",
    "CSV",
    _("Contacts des dispositifs"),
    _(
        "Les boîtes fonctionnelles et les personnes qui ont accepté d'être publiées, reliées "
        "aux dispositifs par leur identifiant."
    ),
)
DATA_FILES = {data_file.key: data_file for data_file in (NATIONAL_CSV, PACKAGE_JSON, CONTACTS_CSV)}


# Which fiches -----------------------------------------------------------------------------------


def exported_fiches(site):
    """The published fiches of ``site`` in the default language: the national schema is
    French (``AidPage.objects.of_site``)."""
    return AidPage.objects.of_site(site, settings.LANGUAGE_CODE)


def site_for_hostname(hostname):
    """The site of ``hostname`` (``fonds13.example`` or ``fonds13.example:8000``), or None."""
    name, _colon, port = hostname.partition(":")
    sites = Site.objects.filter(hostname__iexact=name).select_related("root_page")
    if port:
        sites = sites.filter(port=int(port)) if port.isdigit() else sites.none()
    return sites.order_by("-is_default_site", "port").first()


# What changes the files -------------------------------------------------------------------------

# Shared rows a record or a contact line reads besides the fiche itself. A contact who withdraws
# their consent, an organisation's new SIREN, a renamed sector: the files change at once, even
# though no fiche was published again.
SHARED_ROWS = [
    (
        Contact,
        (
            "kind",
            "publication_consent",
            "name",
            "role",
            "email",
            "phone",
            "organisation",
            "last_confirmed",
        ),
    ),
    (Organisation, ("name", "siren")),
    (FundingProgramme, ("name",)),
    (AidType, ("national_type",)),
    (Audience, ("slug", "name")),
    (CompanySize, ("code", "sort_order")),
    (Sector, ("name", "sort_order")),
    (Territory, ("kind", "code", "name")),
]


@dataclass(frozen=True)
class DatasetVersion:
    """``latest``: the latest publication of an exported fiche (the dataset's update date);
    ``etag``: a digest of everything the files are made of."""

    latest: datetime.datetime | None
    count: int
    etag: str


def dataset_version(site):
    """A few small queries (no fiche content is read): what the cache key and the ETag are
    made of. The fiches' ids, publication dates and paths tell a fiche published, unpublished,
    restricted or moved; the shared rows tell a contact or a vocabulary changed."""
    fiches = list(
        exported_fiches(site).order_by("pk").values_list("pk", "last_published_at", "url_path")
    )
    latest = max((published for _pk, published, _path in fiches if published), default=None)
    digest = hashlib.sha256()
    guide_settings = GuideSettings.for_site(site)
    # The site's own settings: its name titles the package, its referral note fills the contact
    # lines saved without one, its business contact stands in for contacts left out.
    site_values = (
        guide_settings.territory_name,
        guide_settings.referral_note,
        guide_settings.business_contact_id,
    )
    digest.update(repr((site.pk, site.root_url, site_values, fiches)).encode())
    for model, fields in SHARED_ROWS:
        digest.update(repr(list(model.objects.order_by("pk").values_list("pk", *fields))).encode())
    return DatasetVersion(latest=latest, count=len(fiches), etag=digest.hexdigest()[:40])


# The tables -------------------------------------------------------------------------------------


@dataclass
class Dataset:
    records: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    latest: datetime.datetime | None = None
    title: str = ""
    homepage: str = ""


def build_dataset(site):
    """Read the site's exported fiches into the national records and the contacts table."""
    with translation.override(EXPORT_LANGUAGE):
        dataset = Dataset(
            title=package_title(site),
            homepage=f"{site.root_url}{reverse('opendata:dataset')}",
        )
        guide_settings = GuideSettings.of_site(site)
        fiches = exported_fiches(site).with_relations().order_by("aid_uuid", "pk")
        for fiche in fiches:
            dataset.records.append(national_record(fiche, fiche.get_full_url()))
            dataset.contacts.extend(contact_rows(fiche, guide_settings))
            if fiche.last_published_at and (
                dataset.latest is None or fiche.last_published_at > dataset.latest
            ):
                dataset.latest = fiche.last_published_at
    return dataset


def package_title(site):
    territory = GuideSettings.for_site(site).territory_name
    return f"Guide des aides aux entreprises – {territory}"


# The files --------------------------------------------------------------------------------------


def csv_bytes(names, rows):
    """A header line, then one line per row; ``None`` is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if row[name] is None else row[name] for name in names])
    return buffer.getvalue().encode("utf-8")


def national_csv(dataset):
    return csv_bytes(field_names(), dataset.records)


def contacts_csv(dataset):
    return csv_bytes(contact_field_names(), dataset.contacts)


def data_package(dataset, national_schema=None):
    """The Frictionless data package with both tables inline.

    ``national_schema``: the national table's schema, by default the address where it is
    published (what a reuser's validator fetches); a dict to embed it (offline validation).
    """
    return {
        "profile": "tabular-data-package",
        "name": slugify(dataset.title) or "guide-des-aides",
        "title": dataset.title,
        "description": (
            "Les fiches publiées du guide des aides, au format du schéma national des "
            "dispositifs d'aide (extension « professionnels »), et leurs contacts publiables."
        ),
        "homepage": dataset.homepage,
        "licenses": [{"name": LICENCE_NAME, "title": LICENCE_TITLE, "path": LICENCE_URL}],
        "created": moment(dataset.latest),
        "resources": [
            {
                "name": NATIONAL_RESOURCE,
                "title": "Dispositifs d'aide",
                "profile": "tabular-data-resource",
                "schema": national_schema or schema_url(),
                "data": dataset.records,
            },
            {
                "name": CONTACTS_RESOURCE,
                "title": "Contacts des dispositifs d'aide",
                "profile": "tabular-data-resource",
                "schema": contacts_schema(),
                "data": dataset.contacts,
            },
        ],
    }


def package_json(dataset):
    return (json.dumps(data_package(dataset), ensure_ascii=False) + "\n").encode("utf-8")


@dataclass
class PublishedFiles:
    """The three files' bytes and what the dataset page says about them."""

    count: int
    contact_count: int
    latest: datetime.datetime | None
    contents: dict  # DataFile.key -> bytes

    def size(self, key):
        return len(self.contents[key])


def render_files(dataset):
    with translation.override(EXPORT_LANGUAGE):  # the contacts schema's titles are in French
        return PublishedFiles(
            count=len(dataset.records),
            contact_count=len(dataset.contacts),
            latest=dataset.latest,
            contents={
                NATIONAL_CSV.key: national_csv(dataset),
                PACKAGE_JSON.key: package_json(dataset),
                CONTACTS_CSV.key: contacts_csv(dataset),
            },
        )


def published_files(site, version=None):
    """The site's files, from the cache when the data has not changed since they were built.
    The key names the site (its version's digest does too): one site's files are never served
    on another."""
    version = version or dataset_version(site)
    key = f"{CACHE_PREFIX}:{site.pk}:{version.etag}"
    files = cache.get(key)
    if files is None:
        files = render_files(build_dataset(site))
        cache.set(key, files, CACHE_TIMEOUT)
    return files
