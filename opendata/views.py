"""The dataset page and its files: those of the request's site.

The files answer conditional requests (``ETag`` and ``Last-Modified``, the latest publication
of an exported fiche) with 304, may be read from any origin (CORS), and are built once per
version of the data (``published_files``), so a partner polling them costs a few small queries.
"""

from functools import wraps

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe
from wagtail.models import Site

from opendata import export
from opendata.contacts import CONTACT_FIELDS
from opendata.field_notes import FIELD_NOTES
from opendata.records import moment
from opendata.schema import (
    LICENCE_TITLE,
    LICENCE_URL,
    national_fields,
    schema_homepage,
    schema_version,
)

EXPORT_COMMAND = "python manage.py export_open_data --output donnees-ouvertes --validate"


def export_command(site):
    """The command that writes this site's files (``--site`` for any but the default site)."""
    if site.is_default_site:
        return EXPORT_COMMAND
    return f"{EXPORT_COMMAND} --site {site.hostname}"


def site_or_404(request):
    """The request's site; a 404 where there is no site at all."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def request_version(request, *args, **kwargs):
    """The data's version, computed once per request (ETag and Last-Modified both read it)."""
    if not hasattr(request, "_opendata_version"):
        request._opendata_version = export.dataset_version(site_or_404(request))
    return request._opendata_version


def file_etag(request, *args, **kwargs):
    return request_version(request).etag


def file_last_modified(request, *args, **kwargs):
    return request_version(request).latest


def allow_any_origin(view):
    """``Access-Control-Allow-Origin: *`` on every answer, 304 included: public data that a
    partner's page may fetch from the browser."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def file_view(data_file):
    @require_safe
    @allow_any_origin
    @cache_control(public=True, no_cache=True)
    @condition(etag_func=file_etag, last_modified_func=file_last_modified)
    def view(request):
        site = site_or_404(request)
        files = export.published_files(site, request_version(request))
        response = HttpResponse(files.contents[data_file.key], content_type=data_file.content_type)
        response["Content-Disposition"] = f'attachment; filename="{data_file.filename}"'
        return response

    view.__name__ = f"{data_file.key}_file"
    return view


national_csv = file_view(export.NATIONAL_CSV)
package_json = file_view(export.PACKAGE_JSON)
contacts_csv = file_view(export.CONTACTS_CSV)

DOWNLOAD_VIEWS = {
    export.NATIONAL_CSV.key: "opendata:national_csv",
    export.PACKAGE_JSON.key: "opendata:package_json",
    export.CONTACTS_CSV.key: "opendata:contacts_csv",
}


@require_safe
def dataset(request):
    site = site_or_404(request)
    files = export.published_files(site, request_version(request))
    downloads = [
        {
            "file": data_file,
            "url": reverse(DOWNLOAD_VIEWS[key]),
            "absolute_url": request.build_absolute_uri(reverse(DOWNLOAD_VIEWS[key])),
            "size": files.size(key),
        }
        for key, data_file in export.DATA_FILES.items()
    ]
    fields = [{**field, "note": FIELD_NOTES.get(field["name"], "")} for field in national_fields()]
    context = {
        "files": files,
        "latest_iso": moment(files.latest),
        "downloads": downloads,
        "national_fields": fields,
        "contact_fields": CONTACT_FIELDS,
        "licence_title": LICENCE_TITLE,
        "licence_url": LICENCE_URL,
        "schema_version": schema_version(),
        "schema_homepage": schema_homepage(),
        "export_command": export_command(site),
    }
    return TemplateResponse(request, "opendata/dataset.html", context)
