"""Rich text as partners can show it: Wagtail's front-end HTML, with absolute links.

``expand_db_html`` turns the stored rich text into the HTML the site renders (links to pages
and documents resolved). Those links are relative to the site (``/aides/…``, ``/documents/…``);
on a partner's page they must name the site, so each is made absolute.
"""

import re

from wagtail.rich_text import expand_db_html

# Attributes written by Wagtail's rich text rewriters, always in double quotes.
SITE_RELATIVE = re.compile(r'\b(href|src)="(/(?!/)[^"]*)"')


def rich_text_html(value, request):
    if not value:
        return ""
    html = expand_db_html(value)
    return SITE_RELATIVE.sub(
        lambda match: f'{match.group(1)}="{request.build_absolute_uri(match.group(2))}"', html
    )
