"""Two-factor authentication for the admin (django-otp): a code from an authenticator app
(TOTP), or one of ten single-use backup codes, after the password.

``ADMIN_2FA``:

- ``optional`` (the default of the development and test settings): an editor turns it on from
  « Mon compte » › « Double authentification »; from then on the admin asks for a code after
  each login.
- ``required`` (the default of the production settings): every account must set it up before
  using the admin; after signing in without it, the admin shows the set-up and nothing else.
- ``off``: never asked.

``manage.py check`` refuses another value (``core.E001``), and ``check --deploy`` warns when it
is not ``required`` (``core.W001``, core/checks.py).

``AdminTwoFactorMiddleware`` guards the admin's paths (but the login, logout and the two views
below); the views are added to the admin by ``home/wagtail_hooks.py``.
"""

from base64 import b32encode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.security import admin_prefix

MODES = ("optional", "required", "off")
BACKUP_CODES = 10
NO_DEVICE = "two_factor:no_device"
EXEMPT_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "two_factor_setup",
    "two_factor_verify",
}


def mode():
    return getattr(settings, "ADMIN_2FA", "optional")


def has_device(user):
    return any(True for _device in devices_for_user(user, confirmed=True))


def second_factor_passed(user):
    """Whether a signed-in ``user`` went as far as the admin lets it: the code given this
    session, or none asked (2FA off; optional and not set up). Outside the admin (which the
    middleware below guards) a password alone must not reveal what the admin would not."""
    if mode() == "off" or user.is_verified():
        return True
    return mode() == "optional" and not has_device(user)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=gettext_lazy(
            "Les 6 chiffres de votre application d'authentification, ou un code de secours."
        ),
    )


class AdminTwoFactorMiddleware:
    """After django-otp's OTPMiddleware: an admin request of a signed-in account that has not
    given its code goes to the code (or, when required and not set up, to the set-up)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if (
            mode() == "off"
            or user is None
            or not user.is_authenticated
            or not request.path_info.startswith(admin_prefix())
            or request.resolver_match is None
            or request.resolver_match.url_name in EXEMPT_VIEWS
            or user.is_verified()
        ):
            return None
        # An account found without a device is not looked up again in the session (two queries
        # per admin request otherwise); turning it on clears the mark.
        if not request.session.get(NO_DEVICE):
            if has_device(user):
                return redirect(f"{reverse('two_factor_verify')}?next={request.get_full_path()}")
            request.session[NO_DEVICE] = True
        if mode() == "required":
            return redirect("two_factor_setup")
        return None


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def verify(request):
    """Ask the code of a signed-in account that has two-factor authentication."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(safe_next(request))
        form.add_error("code", _("Ce code n'est pas valable. Réessayez avec un nouveau code."))
    context = {"form": form, "next": safe_next(request), "page_title": _("Code de vérification")}
    return TemplateResponse(request, "two_factor/verify.html", context)


def setup(request):
    """Turn two-factor authentication on: a TOTP key to enter in an app, confirmed by a code,
    then ten backup codes shown once."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    if has_device(request.user) and not request.user.is_verified():
        return redirect("two_factor_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name=_("Application d'authentification"), confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            device.confirmed = True
            device.save()
            request.session.pop(NO_DEVICE, None)
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            otp_login(request, device)
            codes = new_backup_codes(request.user)
            messages.success(request, _("La double authentification est activée."))
            context = {"codes": codes, "page_title": _("Codes de secours")}
            return TemplateResponse(request, "two_factor/backup_codes.html", context)
        form.add_error("code", _("Ce code n'est pas valable : vérifiez l'heure du téléphone."))
    context = {
        "form": form,
        "device": device,
        "secret": secret_of(device),
        "config_url": device.config_url,
        "enabled": has_device(request.user),
        "required": mode() == "required",
        "page_title": _("Double authentification"),
    }
    return TemplateResponse(request, "two_factor/setup.html", context)


def secret_of(device):
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def new_backup_codes(user):
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    return codes
