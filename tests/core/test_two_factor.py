"""Two-factor authentication of the admin (core/two_factor.py): optional by default, required
when ADMIN_2FA says so, a TOTP app or single-use backup codes."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

SETUP = "/admin/double-authentification/"
VERIFY = "/admin/double-authentification/code/"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editrice", "e@example.org", "pw")
    client.force_login(user)
    return user


def current_code(device, steps_ahead=0):
    """The app's code now, or ``steps_ahead`` periods later (django-otp refuses a code already
    used, and accepts the next period's: a phone's clock may be ahead)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def enrol(client):
    """Turn it on through the set-up view; return the device and the backup codes."""
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"code": current_code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    return device, response.context["codes"]


def test_optional_by_default_an_editor_without_it_uses_the_admin(client, editor):
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/").content.decode()
    assert SETUP in account and "Double authentification" in account


def test_required_sends_an_editor_without_it_to_the_set_up(client, editor, settings):
    settings.ADMIN_2FA = "required"
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"] == SETUP
    assert "obligatoire" in client.get(SETUP).content.decode()


def new_session(client, editor):
    client.logout()
    client.force_login(editor)


def test_set_up_then_a_new_session_asks_for_the_code(client, editor):
    device, codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200  # verified in this session
    new_session(client, editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=/admin/pages/"
    # The enrolment's code is not accepted twice; the next period's is (a phone ahead).
    right = client.post(VERIFY, {"code": current_code(device, 1), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_code_is_refused_and_then_even_the_right_one_waits(client, editor):
    device, _codes = enrol(client)
    new_session(client, editor)
    wrong = client.post(VERIFY, {"code": "000000", "next": "/admin/pages/"})
    assert "Ce code n&#x27;est pas valable" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302  # still not verified
    # django-otp throttles the device after a failure: guessing 10⁶ codes is not an option.
    throttled = client.post(VERIFY, {"code": current_code(device, 1), "next": "/admin/"})
    assert throttled.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_backup_code_works_once(client, editor):
    _device, codes = enrol(client)
    for expected in (302, 200):  # accepted, then refused (the form again, with its error)
        new_session(client, editor)
        response = client.post(VERIFY, {"code": codes[0], "next": "/admin/"})
        assert response.status_code == expected


def test_the_next_address_stays_on_the_site(client, editor):
    device, _codes = enrol(client)
    new_session(client, editor)
    response = client.post(
        VERIFY, {"code": current_code(device, 1), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_off_never_asks(client, editor, settings):
    enrol(client)
    settings.ADMIN_2FA = "off"
    new_session(client, editor)
    assert client.get("/admin/pages/").status_code == 200
