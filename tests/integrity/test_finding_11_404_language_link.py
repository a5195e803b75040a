"""Finding 11: the 404 page's language link followed the request path, so
``//evil.example/recherche/`` gave a link to ``//evil.example/en/recherche/``, another host.

Each address is sent as a WSGI server passes it: ``PATH_INFO`` percent-decoded, leading slashes
kept (Django's test client would read ``//evil.example`` as a host name and drop it).
"""

import re
from urllib.parse import unquote

import pytest

HREF = re.compile(r'href="([^"]*)"')
# A path of this site: one slash, then anything but another slash or a backslash (which
# browsers read as a slash); or a fragment of the page itself.
SAME_SITE = re.compile(r"(/(?![/\\])|#)")
HOSTILE_PATHS = [
    "//evil.example/recherche/",
    "/\\evil.example/",
    "/\\\\evil.example/",
    "/%2F%2Fevil.example/",
    "//evil.example/aides/",
    "/en//evil.example/recherche/",
]


def get_raw(client, raw_path):
    return client.get("/", PATH_INFO=unquote(raw_path))


@pytest.mark.django_db
@pytest.mark.parametrize("raw_path", HOSTILE_PATHS)
def test_every_link_of_the_404_page_stays_on_the_site(client, guide_index, raw_path):
    response = get_raw(client, raw_path)
    assert response.status_code == 404
    content = response.content.decode()
    assert 'hreflang="' in content  # the language switcher is there
    hrefs = HREF.findall(content)
    strays = [href for href in hrefs if not SAME_SITE.match(href)]
    assert strays == []


@pytest.mark.django_db
def test_the_language_link_of_a_404_still_leads_to_the_same_route_in_english(client, guide_index):
    response = get_raw(client, "/recherche/")
    assert response.status_code == 404
    assert 'href="/en/recherche/" lang="en"' in response.content.decode()
