"""What a page says, to tell whether loading the demo again needs a new revision (the loader
writes one only for a page whose content differs)."""

from wagtail.models import Page

# Inline lines' fields that change with every copy of a line, not with what it says.
INLINE_SKIP = {"id", "page", "translation_key", "locale", "sort_order"}


def line_snapshot(child):
    """An inline line's fields, and its own many-to-many values (an eligibility case's)."""
    data = {
        f.attname: getattr(child, f.attname)
        for f in child._meta.concrete_fields
        if f.name not in INLINE_SKIP
    }
    for model_field in child._meta.many_to_many:
        data[model_field.name] = sorted(obj.pk for obj in getattr(child, model_field.name).all())
    return data


def snapshot(page):
    """What a page says, without ids or timestamps, to tell whether a revision is needed."""
    data = {}
    for model_field in page._meta.concrete_fields:
        if model_field.model is Page or model_field.name in ("page_ptr", "latest_revision"):
            continue
        data[model_field.attname] = getattr(page, model_field.attname)
    for model_field in page._meta.many_to_many:
        data[model_field.name] = sorted(obj.pk for obj in getattr(page, model_field.name).all())
    for relation in ("financial_components", "eligibility_cases", "contacts", "documents"):
        if not hasattr(page, relation):
            continue
        data[relation] = [line_snapshot(child) for child in getattr(page, relation).all()]
    data["title"] = page.title
    data["slug"] = page.slug
    return data
