"""Admin hooks of the import / export (registered from guide/wagtail_hooks.py).

A menu item « Importer / exporter des fiches » right after « Pages », and the same action in
the "more" menu of the guide's page listing, where editors manage the fiches.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from guide.models import AidIndexPage

from . import views

LABEL = _("Importer / exporter des fiches")


@hooks.register("register_admin_urls")
def register_transfer_urls():
    return [
        path("guide/import-export/", views.TransferView.as_view(), name="guide_transfer"),
        path(
            "guide/import-export/export/",
            views.ExportView.as_view(),
            name="guide_transfer_export",
        ),
        path(
            "guide/import-export/import/",
            views.ImportView.as_view(),
            name="guide_transfer_import",
        ),
        path(
            "guide/import-export/import/confirm/",
            views.ConfirmImportView.as_view(),
            name="guide_transfer_confirm",
        ),
    ]


class TransferMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_export(request.user)


@hooks.register("register_admin_menu_item")
def register_transfer_menu_item():
    return TransferMenuItem(
        _("Import / export"), reverse("guide_transfer"), icon_name="table", order=205
    )


@hooks.register("register_page_header_buttons")
def transfer_header_button(page, user, view_name, next_url=None):
    if page.specific_class is AidIndexPage and views.can_export(user, page):
        yield Button(LABEL, reverse("guide_transfer"), icon_name="table", priority=90)
