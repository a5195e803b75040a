"""A text of one item per line (conditions, a list), sent to translators one line at a time.

wagtail-localize sends a ``TextField`` to translators as one segment whose lines are joined by
``<br/>`` tags. ``LinesField`` stores the same text (a ``TextField`` in the database and the
forms) but gives wagtail-localize one segment per non-empty line
(``get_translatable_segments``) and writes the translated lines back in the source's order
(``restore_translated_segments``): the translator sees plain sentences, and each line keeps its
translation when other lines are added, removed or moved.

A line's segment path is a digest of its text (``line_key``), so its translation context does
not depend on its position; a line repeated in the same text gets a numbered key.
"""

import hashlib

from django.db import models
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.strings import StringValue


def lines_of(text):
    """The non-empty lines of ``text``, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def line_keys(lines):
    """A stable key for each line: a digest of its text, numbered when the line repeats."""
    keys, seen = [], {}
    for line in lines:
        key = hashlib.sha1(line.encode()).hexdigest()[:10]
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return keys


class LinesField(models.TextField):
    """A ``TextField`` of one item per line, translated line by line."""

    def get_translatable_segments(self, value):
        lines = lines_of(value)
        return [
            StringSegmentValue(key, StringValue.from_plaintext(line))
            for key, line in zip(line_keys(lines), lines, strict=True)
        ]

    def restore_translated_segments(self, value, segments):
        """The source's lines (``value``), each replaced by its translation when there is one."""
        translated = {
            segment.path: segment.render_text()
            for segment in segments
            if isinstance(segment, StringSegmentValue)
        }
        lines = lines_of(value)
        return "\n".join(
            translated.get(key, line) for key, line in zip(line_keys(lines), lines, strict=True)
        )
