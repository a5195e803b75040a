"""Translations made before lists were translated line by line (0020, core.fields.LinesField)
were one segment for the whole text, its lines joined by ``<br/>``: each is split here into the
translations of its lines, in the contexts the new extraction uses (the old path + the line's
key), so that updating such a translation does not ask to translate its lines again. A text
whose source and translation have different numbers of lines is left as it is (its lines will
be translated again). The line keys are computed as core/fields.py does (copied here, as a
migration must not change when the code does).
"""

import hashlib
import html
import re

from django.db import migrations
from wagtail_localize.models import String as CurrentString
from wagtail_localize.models import TranslationContext as CurrentContext
from wagtail_localize.strings import StringValue

LIST_PATH = re.compile(r"^(eligibility|financial_components\.[^.]+\.conditions)$")
BREAK = re.compile(r"<br\s*/?>")


def line_keys(lines):
    keys, seen = [], {}
    for line in lines:
        key = hashlib.sha1(line.encode()).hexdigest()[:10]
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return keys


def line_pairs(source_data, translated_data):
    """[(French line as extracted now, its translation)], or None when they do not match."""
    sources, translations = BREAK.split(source_data), BREAK.split(translated_data)
    if len(sources) != len(translations):
        return None
    pairs = []
    for source, translation in zip(sources, translations, strict=True):
        text = html.unescape(source).strip()
        if text:
            pairs.append((text, translation.strip()))
    return pairs


def split_translations(apps, schema_editor):
    StringTranslation = apps.get_model("wagtail_localize", "StringTranslation")
    String = apps.get_model("wagtail_localize", "String")
    TranslationContext = apps.get_model("wagtail_localize", "TranslationContext")
    whole_texts = StringTranslation.objects.filter(
        context__isnull=False, translation_of__data__contains="<br"
    ).select_related("translation_of", "context")
    for whole in whole_texts:
        if not LIST_PATH.match(whole.context.path):
            continue
        pairs = line_pairs(whole.translation_of.data, whole.data)
        if not pairs:
            continue
        keys = line_keys([text for text, _translation in pairs])
        for key, (text, translation) in zip(keys, pairs, strict=True):
            data = StringValue.from_plaintext(text).data
            string, _created = String.objects.get_or_create(
                locale_id=whole.translation_of.locale_id,
                data_hash=CurrentString._get_data_hash(data),
                defaults={"data": data},
            )
            path = f"{whole.context.path}.{key}"
            context, _created = TranslationContext.objects.get_or_create(
                object_id=whole.context.object_id,
                path_id=CurrentContext._get_path_id(path),
                defaults={"path": path, "field_path": ""},
            )
            StringTranslation.objects.get_or_create(
                translation_of=string,
                locale_id=whole.locale_id,
                context=context,
                defaults={
                    "data": translation,
                    "translation_type": whole.translation_type,
                    "tool_name": whole.tool_name,
                    "last_translated_by_id": whole.last_translated_by_id,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0021_financial_component_labels"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RunPython(split_translations, migrations.RunPython.noop),
    ]
