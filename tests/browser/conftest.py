"""Browser tests: Debian's Chromium driven by Playwright, with axe-core injected into pages.

They need /usr/bin/chromium (apt-get install chromium), node_modules/axe-core (npm ci) and the
playwright package; when one is missing they are skipped, and the skip says which. `.ci/run`
installs them, so CI always runs these tests.
"""

import itertools
import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connections, transaction
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from guide.roles import role_group
from tests.support.demo_database import today_variant

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# WCAG 2.1 A and AA (RGAA 4.1) plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Playwright's sync API keeps an event loop in the test thread; Django refuses ORM calls there
# unless told it is safe (it is: the loop never runs our database code concurrently).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The admin_page fixture's accounts: « rédacteurs-1 », « valideurs-2 »...
ACCOUNT_NUMBERS = itertools.count(1)


def missing_tools():
    missing = []
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        missing.append(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if not AXE_SCRIPT.exists():
        missing.append("node_modules/axe-core is missing (run `npm ci`)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright package is not installed (pip install -e '.[test]')")
    return missing


@pytest.fixture(scope="module")
def browser(demo_site):
    """Chromium, for one test module. Playwright's synchronous API runs the code inside it in
    a context of its own (greenlets), where Django's connections are other objects than the
    test session's: it is started after the module's demo and live server (``demo_site``),
    and stopped before them, so that nothing of the database's set-up or tear-down happens in
    it and the tests after the module get the session's connections back."""
    missing = missing_tools()
    if missing:
        pytest.skip("Browser tests skipped: " + "; ".join(missing))
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots_dir(tmp_path_factory):
    """Where the tests save screenshots: SCREENSHOTS_DIR (`make screenshots` sets
    docs/screenshots), or a temporary folder."""
    target = os.environ.get("SCREENSHOTS_DIR")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


_one_request = threading.Lock()


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time():
    """The live server's request threads share one database connection (the test database):
    two requests at once (an admin page's editing-session or autosave ping beside a form's
    POST) interleave their transactions' savepoints (« no such savepoint », then a 500). Each
    request is served alone, as one worker process with one thread would."""
    original = WSGIHandler.__call__

    def alone(self, environ, start_response):
        with _one_request:
            return original(self, environ, start_response)

    WSGIHandler.__call__ = alone
    yield
    WSGIHandler.__call__ = original


@pytest.fixture(scope="module")
def demo_site(demo_databases, django_db_blocker):
    """The demo guide as loaded today, served by a live server of the module's own: a copy
    of it, committed (tests/support/demo_database.py). Returns the server's base URL.

    The browser tests only read it: one demo and one server serve the whole module, and the
    tests need no database fixture (nothing to empty after each).
    """
    variant, day = today_variant()
    with django_db_blocker.unblock(), demo_databases.switched_in(variant, day):
        server = LiveServer("localhost")
        try:
            yield server.url
        finally:
            finish_requests()
            server.stop()


def finish_requests(timeout=5):
    """Wait for the live server's request threads, which Chromium's kept-alive connections hold
    open a moment after a test: one still running when the server stops would use a database
    connection no longer shared with it."""
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout)


class PageWatcher:
    """Collects a page's console errors and failed requests."""

    def __init__(self, page):
        self.errors = []
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def on_console(self, message):
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def open_page(browser):
    contexts = []

    def factory(width=1280, height=900, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="fr-FR",
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        page.watcher = PageWatcher(page)
        return page

    yield factory
    for context in contexts:
        context.close()
    # An admin page pings the server (editing sessions, autosave): wait for the requests it
    # left running, before the test's transaction is rolled back on the same database.
    finish_requests()


def axe_violations(page):
    """Run axe-core in the page; return its violations as short readable strings."""
    # Evaluated through the DevTools protocol: an injected <script> would be inline, which the
    # site's Content-Security-Policy rightly blocks.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def committed(function, *args, **kwargs):
    """Run ``function`` (ORM work) in a thread of its own and return its result. Its connection
    autocommits: the live server sees what it writes at once, and the test's own transaction
    (the ``django_db`` mark) takes no lock that would make the server's writes fail (SQLite's
    shared in-memory database raises « database table is locked »). Read what the browser
    stored through it too.

    The live server may still be answering a request the page sent last (an autosave, the
    page's last resources): on SQLite a « locked » table is then tried again a little later
    (the function runs in a transaction, so a failed try leaves nothing)."""

    def run():
        try:
            for attempt in range(LOCKED_RETRIES):
                try:
                    with transaction.atomic():
                        return function(*args, **kwargs)
                except OperationalError as error:
                    if "locked" not in str(error) or attempt == LOCKED_RETRIES - 1:
                        raise
                    time.sleep(0.2)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


LOCKED_RETRIES = 10


@pytest.fixture
def admin_page(open_page, demo_site):
    """An admin page of Chromium (fr-FR) signed in as a new member of ``role``'s group of the
    default site's team (« Rédacteurs », « Valideurs », « Administrateurs » from guide/roles.py),
    or as a superuser when ``role`` is None. Returns ``(page, user)``; the page is blank: go to
    ``demo_site + "/admin/..."``. The module needs ``pytestmark = [pytest.mark.browser,
    pytest.mark.django_db]``; touch the database only through ``committed``. What the tests
    write lands in the module's copy of the demo."""
    created = []

    def sign_in(role):
        # Numbered across the session: the accounts stay in the module's demo, and a second
        # test signing in the same role must not reuse a taken username.
        name = f"{(role or 'superuser').lower()}-{next(ACCOUNT_NUMBERS)}"
        if role is None:
            user = User.objects.create_superuser(name, f"{name}@example.org", "pw")
        else:
            user = User.objects.create_user(
                name, f"{name}@example.org", "pw", first_name=name.title()
            )
            user.groups.add(role_group(role))
        client = Client()
        client.force_login(user)
        return user, client.cookies[settings.SESSION_COOKIE_NAME].value

    def factory(role, width=1366, height=900):
        user, session = committed(sign_in, role)
        created.append(user)
        page = open_page(width=width, height=height)
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": demo_site}]
        )
        return page, user

    return factory
