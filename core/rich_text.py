"""Wagtail's rich-text editor (Draftail), named by its field's label.

Wagtail 8 renders a rich-text field as a hidden input (the field's ``<label for>`` points at
it) and Draftail's editable area as a ``role="textbox"`` element beside it, to which it gives
no name: screen readers announce « zone de texte » alone and axe reports
``aria-input-field-name`` (serious). Draftail accepts ``ariaLabelledBy`` and ``ariaDescribedBy``
options, and Wagtail's initialisation spreads the widget's options over its defaults: this
widget adds them, pointing at the label Wagtail renders (``<id>-label``, see
``wagtailadmin_tags.formattedfield``) and at the field's help text.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.admin.rich_text import DraftailRichTextArea


class LabelledDraftailRichTextArea(DraftailRichTextArea):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        options = dict(self.options)
        if widget_attrs.get("id"):
            options["ariaLabelledBy"] = f"{widget_attrs['id']}-label"
        if widget_attrs.get("aria-describedby"):
            options["ariaDescribedBy"] = widget_attrs["aria-describedby"]
        widget_attrs["data-w-init-detail-value"] = json.dumps(options, cls=DjangoJSONEncoder)
        return context
