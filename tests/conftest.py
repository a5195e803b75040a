import datetime
import os
import unittest

import pytest
from wagtail.models import Locale, Site

from core.memo import forget as forget_memo
from core.shared_cache import forget_all as forget_shared
from guide.models import AidIndexPage
from tests.support.demo_database import DemoDatabases
from tests.support.elasticsearch_fake import fake_es  # noqa: F401 (a fixture)
from tests.support.pages import make_guide


def pytest_sessionstart(session):
    """The interface's English strings need the compiled catalogues (not committed)."""
    from core.catalogues import compile_catalogues

    compile_catalogues()


# TESTS_FAIL_ON_SKIP=1 (make test-elasticsearch, CI): a skipped test fails the run, so that a
# summary saying "passed" means every selected test ran (an expected failure is not a skip).
# The reports reach the xdist controller too, which decides the exit status.
SKIPPED_TESTS = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        SKIPPED_TESTS.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    skipped = SKIPPED_TESTS
    if os.environ.get("TESTS_FAIL_ON_SKIP") == "1" and skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(
                f"TESTS_FAIL_ON_SKIP=1: {len(skipped)} test(s) skipped, the run fails: "
                + ", ".join(skipped[:10]),
                red=True,
            )


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


def module_worlds(item):
    """The module-scoped fixtures of ours that ``item`` uses and that put data in the database
    for the module (they unblock it: a demo switched in, a world built once): what a later test
    of the module sees, whether it asked for it or not, until the module ends."""
    definitions = item._fixtureinfo.name2fixturedefs
    return {
        name
        for name in item.fixturenames
        for fixture in definitions.get(name, ())
        if fixture.scope == "module"
        and fixture.baseid
        and {"django_db_blocker", "demo_databases"} & set(fixture.argnames)
    }


# The fixtures giving a test the database; a test with none of them (nor the django_db mark)
# has it blocked by pytest-django.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}
UNASKED_WORLD = pytest.StashKey[str]()
BLOCKED_DATABASE = pytest.StashKey[bool]()


def uses_database(item):
    return bool(item.get_closest_marker("django_db")) or bool(
        DATABASE_FIXTURES & set(item.fixturenames)
    )


def mark_unasked_worlds(items):
    """A test that does not use a module's world while another test of its module does would
    run on that world or on an empty database depending on the order (and on the xdist worker
    it lands on). If it uses the database, it is failed before it runs, saying which world it
    should ask for or leave; if not, it runs with the database blocked, as any test without it
    (a world keeps it open for the rest of its module), so it cannot read the world either."""
    by_module = {}
    for item in items:
        by_module.setdefault(item.nodeid.split("::")[0], []).append(item)
    for module, module_items in by_module.items():
        worlds = {item: module_worlds(item) for item in module_items}
        everything = set().union(*worlds.values())
        for item, used in worlds.items():
            missing = everything - used
            if missing and not uses_database(item):
                item.stash[BLOCKED_DATABASE] = True
            elif missing:
                item.stash[UNASKED_WORLD] = (
                    f"{item.nodeid} does not use {', '.join(sorted(missing))}, which other "
                    f"tests of {module} load in the database for the rest of the module: it "
                    "would see that data or not depending on the order the tests run in. Ask "
                    "for the fixture if the test reads that data, else move the test to a "
                    "module of its own."
                )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """The tests that share what a fixture or a class builds for them run on one xdist worker
    (``--dist loadgroup``, pyproject.toml), one after the other: it is built once per run,
    not once per worker nor again each time a worker comes back to them.

    A module's tests all use its database worlds, or none of them does (``mark_unasked_worlds``).
    """
    mark_unasked_worlds(items)
    for item in items:
        group = shared_by(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))


def pytest_runtest_setup(item):
    if message := item.stash.get(UNASKED_WORLD, None):
        pytest.fail(message, pytrace=False)


@pytest.fixture(autouse=True)
def no_unasked_world(request):
    """A test without the database, in a module with a world, runs with the database blocked
    (``mark_unasked_worlds``)."""
    if request.node.stash.get(BLOCKED_DATABASE, False):
        with request.getfixturevalue("django_db_blocker").block():
            yield
    else:
        yield


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
    """core.memo remembers sites per request or command, and Wagtail its sites' root paths (in
    the cache); a test's rolled-back transaction sends no signal to empty them, so each test
    starts with neither: a site a test made, then rolled back, would otherwise leave the next
    test's pages without a URL (the language switcher once failed so). The same for the values
    shared by every process (core/shared_cache.py)."""
    forget_memo()
    forget_shared()
    Site.clear_site_root_paths_cache()
    yield
    forget_memo()
    forget_shared()
    Site.clear_site_root_paths_cache()


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
