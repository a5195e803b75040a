import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.elasticsearch_fake import fake_es  # noqa: F401 (a fixture)
from tests.pages import make_guide


def pytest_sessionstart(session):
    """The interface's English strings need the compiled catalogues (not committed)."""
    from home.catalogues import compile_catalogues

    compile_catalogues()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in French: a request to an /en/ page leaves English active in the thread
    (LocaleMiddleware activates, nothing deactivates), and later tests would speak English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_site_memo():
    """guide.guides memoises sites per request or command; a test's rolled-back transaction
    sends no signal to empty it, so each test starts with an empty memo."""
    from guide.guides import forget_sites

    forget_sites()
    yield
    forget_sites()


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


@pytest.fixture(scope="module")
def demo_guide(django_db_setup, django_db_blocker):
    """The demo guide, loaded once per test module inside a transaction rolled back at the end.

    Tests using it still need the ``django_db`` mark: each runs in a savepoint of its own.
    Returns the (French) guide index page.
    """
    from wagtail.models import Locale, Site

    from guide.demo.loader import DemoLoader
    from guide.models import AidIndexPage

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            DemoLoader(on=DEMO_DAY).load()
            # As `make run` does: a full rebuild (on SQLite, title norms are only exact then).
            call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
            # The first territory's guide (the demo also loads a second site, its own guide).
            default_root = Site.objects.get(is_default_site=True).root_page
            yield AidIndexPage.objects.descendant_of(default_root).get(locale=Locale.get_default())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
