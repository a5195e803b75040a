"""Admin panels of the fiche editor."""

from wagtail.admin.panels import Panel

from guide.duplicates import similar_fiches


class DuplicateWarningPanel(Panel):
    """Lists the fiches that look like this one (same operator link, very close title).

    Shown only when there are some: on the edit view, and on the create view when a submitted
    form comes back with errors.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "guide/admin/duplicate_warning_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.candidates = similar_fiches(self.instance) if self.instance else []

        def is_shown(self):
            return bool(self.candidates)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["candidates"] = self.candidates
            return context
