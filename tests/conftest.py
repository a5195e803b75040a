import datetime
import unittest

import pytest
from wagtail.models import Locale, Site

from core.memo import forget as forget_memo
from guide.models import AidIndexPage
from tests.support.demo_database import DemoDatabases
from tests.support.elasticsearch_fake import fake_es  # noqa: F401 (a fixture)
from tests.support.pages import make_guide


def pytest_sessionstart(session):
    """The interface's English strings need the compiled catalogues (not committed)."""
    from core.catalogues import compile_catalogues

    compile_catalogues()


SHARED_SCOPES = ("package", "module", "class")
# The fixtures reading a demo kept for the session (tests/support/demo_database.py), one
# variant each: the tests using one run on one worker, which alone builds its variant.
KEPT_DEMOS = ("demo_site", "demo_guide")


def shared_by(item):
    """What ``item`` shares with other tests, built for them once: a kept demo's variant; its
    module when it uses a module-scoped fixture (a world built once, a live server); its class
    for a Django ``TestCase`` (``setUpTestData``); None when it shares nothing."""
    for name in KEPT_DEMOS:
        if name in item.fixturenames:
            return name
    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, unittest.TestCase):
        return item.parent.nodeid
    definitions = item._fixtureinfo.name2fixturedefs
    for name in item.fixturenames:
        # Ours only (a plugin's fixtures have no base id): pytest-django's class-scoped
        # autouse fixture is everywhere and builds nothing.
        if any(
            fixture.scope in SHARED_SCOPES and fixture.baseid
            for fixture in definitions.get(name, ())
        ):
            return item.nodeid.split("::")[0]
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """The tests that share what a fixture or a class builds for them run on one xdist worker
    (``--dist loadgroup``, pyproject.toml), one after the other: it is built once per run,
    not once per worker nor again each time a worker comes back to them."""
    for item in items:
        group = shared_by(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(autouse=True)
def french_by_default():
    """Each test starts in French: a request to an /en/ page leaves English active in the thread
    (LocaleMiddleware activates, nothing deactivates), and later tests would speak English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_site_memo():
    """core.memo remembers sites per request or command; a test's rolled-back transaction
    sends no signal to empty it, so each test starts with an empty memo."""
    forget_memo()
    yield
    forget_memo()


@pytest.fixture
def guide(db):
    """(home, guide index): a guide home page as the default site's root."""
    return make_guide()


@pytest.fixture
def home(guide):
    return guide[0]


@pytest.fixture
def guide_index(guide):
    return guide[1]


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editeur", "editeur@example.org", "pw")
    client.force_login(user)
    return client


DEMO_DAY = datetime.date(2026, 11, 22)


@pytest.fixture(scope="session")
def demo_databases(django_db_setup, django_db_blocker):
    """The demo guide, built once per test process for each day it is loaded on
    (tests/support/demo_database.py)."""
    with django_db_blocker.unblock():
        databases = DemoDatabases()
        yield databases
        databases.drop_all()


@pytest.fixture(scope="module")
def demo_guide(demo_databases, django_db_blocker):
    """The demo guide as loaded on ``DEMO_DAY``, switched in for the test module: what its tests
    write is rolled back (each runs in a transaction of its own: they still need the
    ``django_db`` mark), and the database is given back as it was after the module.

    Returns the first territory's French guide index page (the demo also loads a second site).
    """
    with django_db_blocker.unblock(), demo_databases.switched_in("demo_day", DEMO_DAY):
        default_root = Site.objects.get(is_default_site=True).root_page
        yield AidIndexPage.objects.descendant_of(default_root).get(locale=Locale.get_default())
