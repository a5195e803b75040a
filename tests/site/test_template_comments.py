"""Django's ``{# … #}`` comment holds on one line only: spread over several, it is printed on
the page as text. Every project template uses ``{% comment %}`` for longer comments."""

from pathlib import Path

from django.conf import settings

APPS_WITH_TEMPLATES = [
    path
    for path in [
        Path(settings.BASE_DIR) / "templates",
        *Path(settings.BASE_DIR).glob("*/templates"),
    ]
    if path.is_dir()
]


def test_no_multi_line_short_comment():
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for folder in APPS_WITH_TEMPLATES
        for path in folder.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "{#" in line and "#}" not in line[line.index("{#") :]
    ]
    assert APPS_WITH_TEMPLATES, "no template folder found"
    assert offenders == []
