"""Admin views: the import / export page, the export download, the dry run, the confirmation.

Exporting needs the right to edit fiches (add, change or publish on the guide); importing
needs the right to add a fiche to the guide (``can_add_subpage``), as creating one in the
page explorer does. Nothing here needs JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.permissions import page_permission_policy

from guide.models import AidIndexPage

from .export import Export, export_filename, filtered_fiches
from .files import max_bytes
from .forms import KIND_NATIONAL, ExportForm, ImportForm
from .importer import NoGuideIndex, default_index, import_file, overrides_of
from .report import Outcome
from .staging import StagedFileMissing, from_ticket, stage

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


GUIDE_PARAM = "guide"
OVERRIDE_PARAM = "override"
SUBMIT_PARAM = "submit_for_review"


def french_guides():
    """Every guide of the instance in the default language (one per territory's site)."""
    return list(AidIndexPage.objects.filter(locale=Locale.get_default()).order_by("path"))


def guide_index(request=None):
    """The guide the page works on: the ``guide`` parameter (a guide's id, sent by the page's
    forms when the instance holds several territories' guides; 404 when it names none), else
    the first guide."""
    wanted = request and (request.POST.get(GUIDE_PARAM) or request.GET.get(GUIDE_PARAM))
    if wanted:
        chosen = next((g for g in french_guides() if str(g.pk) == wanted), None)
        if chosen is None:  # a stale form: never import into another guide than the one chosen
            raise Http404
        return chosen
    try:
        return default_index()
    except NoGuideIndex:
        return None


def can_export(user, index=None):
    index = index or guide_index()
    return index is not None and page_permission_policy.user_has_any_permission_for_instance(
        user, {"add", "change", "publish"}, index
    )


def can_import(user, index=None):
    index = index or guide_index()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


class TransferView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Importer / exporter des fiches")
    header_icon = "table"
    template_name = "transfer/index.html"

    def dispatch(self, request, *args, **kwargs):
        self.index = guide_index(request)
        if self.index is None or not can_export(request.user, self.index):
            raise PermissionDenied
        self.may_import = can_import(request.user, self.index)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("export_form", ExportForm())
        context.setdefault("import_form", ImportForm())
        context.update(
            index=self.index,
            guides=[g for g in french_guides() if can_export(self.request.user, g)],
            guide_param=GUIDE_PARAM,
            may_import=self.may_import,
            max_bytes=max_bytes(),
            national=KIND_NATIONAL,
        )
        return context


class ExportView(TransferView):
    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(export_form=form))
        queryset = filtered_fiches(
            form.cleaned_data["status"], form.cleaned_data["aid_type"], index=self.index
        )
        export = Export(queryset, request=request)
        extension = form.cleaned_data["format"]
        content = export.xlsx_bytes() if extension == "xlsx" else export.csv_bytes()
        response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
        response["Content-Disposition"] = f'attachment; filename="{export_filename(extension)}"'
        return response


class ImportView(TransferView):
    """POST a file: the dry run, shown row by row, with the button that confirms it."""

    report_template = "transfer/report.html"
    http_method_names = ["get", "post"]

    def check_import_permission(self):
        if not self.may_import:
            raise PermissionDenied

    def get(self, request, *args, **kwargs):
        return redirect("guide_transfer")

    def post(self, request, *args, **kwargs):
        self.check_import_permission()
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(import_form=form))
        upload = form.cleaned_data["file"]
        national = form.cleaned_data["kind"] == KIND_NATIONAL
        data = upload.read()
        report = import_file(
            data, upload.name, national=national, user=request.user, index=self.index
        )
        if report.rejected:
            for error in report.errors:
                form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(import_form=form))
        ticket = None
        if not report.has_errors and report.has_changes:
            ticket = stage(
                data, upload.name, form.cleaned_data["kind"], request.user.pk, self.index.pk
            ).ticket()
        return self.render_report(report, upload.name, ticket)

    def render_report(self, report, name, ticket=None):
        context = self.get_context_data(
            report=report,
            file_name=name,
            ticket=ticket,
            outcomes=Outcome,
            counts=report.counts,
            override_param=OVERRIDE_PARAM,
            submit_param=SUBMIT_PARAM,
        )
        return self.response_class(
            request=self.request,
            template=[self.report_template],
            context=context,
            using=self.template_engine,
        )


class ConfirmImportView(ImportView):
    """POST the ticket of a dry run: the real import of the same file, checked again, with the
    stale rows the editor confirmed and, if asked, the submission to review."""

    def post(self, request, *args, **kwargs):
        self.check_import_permission()
        staged = from_ticket(request.POST.get("ticket", ""), request.user.pk)
        try:
            if staged is None:
                raise StagedFileMissing
            data = staged.read()
        except StagedFileMissing:
            messages.error(
                request,
                _(
                    "Le fichier de l'essai à blanc n'est plus disponible (import déjà fait ou "
                    "délai dépassé) : envoyez-le à nouveau."
                ),
            )
            return redirect("guide_transfer")
        if staged.guide_id is not None and staged.guide_id != self.index.pk:
            # The dry run was made for another guide: the confirmation never changes guide.
            raise PermissionDenied
        report = import_file(
            data,
            staged.name,
            national=staged.kind == KIND_NATIONAL,
            user=request.user,
            index=self.index,
            dry_run=False,
            overrides=overrides_of(request.POST.getlist(OVERRIDE_PARAM)),
            submit=request.POST.get(SUBMIT_PARAM) == "on",
        )
        if report.applied:
            staged.delete()
            messages.success(request, report.summary())
        return self.render_report(report, staged.name)
