"""Finding 14: the alert form's limits, per exact address and per full IP address, let one IPv4
address (or one IPv6 /64) send 45 confirmation e-mails to ``victim+N@…``.

Everything goes through the public form with the test client: ``+`` sub-addresses and case
count as one mailbox, an IPv6 /64 as one client, a cap holds for the whole site, the answer is
the same whatever the address's state, and the e-mail is sent by the task backend: in
production the database backend's worker (``deploy/systemd/guide-tasks.service``), not the
request, which django-tasks' default immediate backend would have made it.
"""

import os
import signal
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from alerts import tasks
from alerts.limits import MAX_PENDING_PER_ADDRESS
from alerts.models import Alert
from alerts.views import SUBSCRIBE_RATE


def without_clock(headers):
    return {name: value for name, value in headers.items() if name not in ("Expires", "Date")}


pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
# What config/settings/production.py sets.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 60 + "-production-secret-for-the-tasks-test",
    "ALLOWED_HOSTS": "aides.grandorlyseinebievre.fr",
    "DATABASE_URL": "sqlite:////tmp/guide-tasks-settings.sqlite3",
}


@pytest.fixture(autouse=True)
def empty_cache():
    """The per-client limit counts in the cache, shared by the tests."""
    cache.clear()
    yield
    cache.clear()


def subscribe(client, index, email, address):
    """One post of the public form, from the client ``address``."""
    data = {
        "email": email,
        "frequency": "hebdomadaire",
        "kind": "recherche",
        "query": "type=pret",
        "index": index.pk,
    }
    return client.post("/alertes/", data, REMOTE_ADDR=address)


def test_sub_addresses_and_case_count_as_one_mailbox(client, guide_index):
    # Each post from its own address: only the per-mailbox limit is at stake.
    answers = {
        subscribe(
            client,
            guide_index,
            f"{'Victim' if n % 2 else 'victim'}+{n}@Example.org",
            f"192.0.2.{n}",
        ).status_code
        for n in range(1, 46)
    }
    assert answers == {302}  # the same answer to every post (no enumeration)
    assert len(mail.outbox) == MAX_PENDING_PER_ADDRESS
    # The e-mails go to the addresses as they were typed.
    assert mail.outbox[0].to == ["Victim+1@Example.org"]
    assert {alert.recipient for alert in Alert.objects.all()} == {"victim@example.org"}


def test_an_ipv6_slash_64_is_one_client(client, guide_index):
    allowed = int(SUBSCRIBE_RATE.split("/")[0])
    for n in range(1, allowed + 1):
        answer = subscribe(client, guide_index, f"personne{n}@example.org", f"2001:db8:1:2::{n:x}")
        assert answer.status_code == 302
    # Another address of the same /64 is the same client.
    refused = subscribe(client, guide_index, "encore@example.org", "2001:db8:1:2:ffff:0:0:1")
    content = refused.content.decode()
    assert refused.status_code == 429
    assert "Trop d'alertes ont été demandées depuis votre connexion" in content
    assert 'value="encore@example.org"' in content  # what was typed is kept
    assert not Alert.objects.filter(email="encore@example.org").exists()
    # Another /64, or an IPv4 address, is another client.
    assert subscribe(client, guide_index, "autre@example.org", "2001:db8:1:3::1").status_code == 302
    assert subscribe(client, guide_index, "v4@example.org", "192.0.2.1").status_code == 302
    assert len(mail.outbox) == allowed + 2


def test_the_hourly_cap_holds_across_addresses_and_clients(client, guide_index, settings):
    settings.ALERTS_CONFIRMATIONS_PER_HOUR = 4
    for n in range(1, 5):
        answer = subscribe(client, guide_index, f"chef{n}@entreprise{n}.example", f"198.51.100.{n}")
        assert answer.status_code == 302
    refused = subscribe(client, guide_index, "cinquieme@entreprise5.example", "203.0.113.5")
    content = refused.content.decode()
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "trop de demandes d'alerte depuis une heure" in content
    assert 'value="cinquieme@entreprise5.example"' in content
    assert len(mail.outbox) == 4 and Alert.objects.count() == 4


def test_the_answer_is_the_same_whatever_the_address_s_state(client, guide_index, settings):
    """Same status, headers and body, and the same work in the request (its queries, one task
    enqueued): whether the address already has alerts (one confirmed, pending ones up to its
    limit) or none. The per-address work is the task's."""
    settings.TASKS = DUMMY_TASKS
    known = "deja@example.org"
    Alert.objects.create(email=known, index=guide_index, kind="recherche", language="fr")
    for _n in range(MAX_PENDING_PER_ADDRESS):
        Alert.objects.create(email=known, index=guide_index, kind="recherche", language="fr")
    Alert.objects.filter(email=known).update(confirmed_at=None)
    Alert.objects.filter(pk=Alert.objects.filter(email=known).first().pk).update(
        confirmed_at="2026-01-05T10:00:00+01:00"
    )
    subscribe(client, guide_index, "premiere@example.org", "192.0.2.1")  # caches warmed

    answers, query_counts = [], []
    for email, address in ((known, "192.0.2.2"), ("nouvelle@example.org", "192.0.2.3")):
        with CaptureQueriesContext(connection) as queries:
            answers.append(subscribe(client, guide_index, email, address))
        query_counts.append(len(queries))

    known_answer, new_answer = answers
    assert known_answer.status_code == new_answer.status_code == 302
    # Same headers, but the clock's (« Expires » is the answer's second: it may tick between).
    assert without_clock(known_answer.headers) == without_clock(new_answer.headers)
    assert known_answer.content == new_answer.content
    assert query_counts[0] == query_counts[1]
    enqueued = task_backends["default"].results
    assert [result.task.func for result in enqueued] == [tasks.subscribe.func] * 3
    assert not mail.outbox  # nothing is sent by the request itself


def test_the_confirmation_is_sent_by_the_task(client, guide_index, settings):
    # The test settings' backend runs the task at once: the mail outbox receives the e-mail.
    assert subscribe(client, guide_index, "cheffe@entreprise.example", "192.0.2.8").status_code
    assert [message.to for message in mail.outbox] == [["cheffe@entreprise.example"]]
    assert "/alertes/confirmer/" in mail.outbox[0].body
    mail.outbox.clear()
    # A backend with a worker: the request only enqueues; the worker creates and sends.
    settings.TASKS = DUMMY_TASKS
    subscribe(client, guide_index, "Cheffe+Alertes@Entreprise.example", "192.0.2.9")
    assert not mail.outbox and Alert.objects.count() == 1
    (enqueued,) = task_backends["default"].results
    assert enqueued.kwargs["email"] == "Cheffe+Alertes@Entreprise.example"
    enqueued.task.call(*enqueued.args, **enqueued.kwargs)  # what a worker does
    assert [message.to for message in mail.outbox] == [["Cheffe+Alertes@Entreprise.example"]]
    assert Alert.objects.latest("pk").recipient == "cheffe@entreprise.example"


def production_task_backend():
    """The class of the default task backend that ``manage.py`` loads with the production
    settings and their required secrets (as tests/core/test_security.py runs them)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in (*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(PRODUCTION)
    code = (
        "from django_tasks import task_backends; "
        "backend = type(task_backends['default']); "
        "print(f'{backend.__module__}.{backend.__qualname__}')"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_queues_tasks_for_a_worker():
    backend = production_task_backend()
    assert backend != "django_tasks.backends.immediate.ImmediateBackend"
    assert backend == "django_tasks_db.backend.DatabaseBackend"
    # The worker that runs them, with the production settings, restarted when it fails.
    unit = (ROOT / "deploy" / "systemd" / "guide-tasks.service").read_text().splitlines()
    assert "Environment=DJANGO_SETTINGS_MODULE=config.settings.production" in unit
    assert "EnvironmentFile=/etc/guide/env" in unit and "Restart=on-failure" in unit
    (command,) = [line for line in unit if line.startswith("ExecStart=")]
    assert "/.venv/bin/python manage.py db_worker" in command


def run_worker_once(monkeypatch):
    """``manage.py db_worker --batch``: the systemd unit's command, running what is queued and
    then exiting instead of polling. Two things put back for the test process: the worker's
    connection check (inside the test's transaction the connection is not in autocommit, and
    Django's check would close it) and the signal handlers the command installs."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def test_with_the_database_backend_the_worker_sends_the_confirmation(
    client, guide_index, settings, monkeypatch
):
    settings.TASKS = DATABASE_TASKS
    answer = subscribe(client, guide_index, "Cheffe+Alertes@Entreprise.example", "192.0.2.10")
    assert answer.status_code == 302
    # The request only wrote the task: no e-mail, no alert yet.
    assert not mail.outbox and not Alert.objects.exists()
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "alerts.tasks.subscribe"
    assert queued.status == TaskResultStatus.READY
    assert queued.args_kwargs["kwargs"]["email"] == "Cheffe+Alertes@Entreprise.example"

    run_worker_once(monkeypatch)

    assert [message.to for message in mail.outbox] == [["Cheffe+Alertes@Entreprise.example"]]
    assert "/alertes/confirmer/" in mail.outbox[0].body
    assert Alert.objects.get().recipient == "cheffe@entreprise.example"
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
