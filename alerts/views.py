"""Subscribe, confirm (double opt-in), unsubscribe. No account: each link carries a signed
token (``alerts.tokens``), the only credential.

- **Subscribe** (POST): the same "check your mailbox" page whatever the address (one already
  subscribed, one over its limit): the form cannot tell who subscribes to what. The view does
  the same work for every address, enqueueing the task that checks the mailbox's limits,
  creates the alert and sends the confirmation (``alerts.tasks.subscribe``). The limits
  (``alerts.limits``), so that the form cannot flood a mailbox: a few pending alerts per
  mailbox (``+`` sub-addresses and case aside), ``SUBSCRIBE_RATE`` posts per client (an IPv4
  address, an IPv6 /64) and ``ALERTS_CONFIRMATIONS_PER_HOUR`` confirmations for the whole site.
  The last two say nothing about the address: they answer 429 with a French message and the
  form as it was typed.
- **Confirm**: GET shows a button, POST confirms. Mail scanners open the links of an e-mail
  (GET): confirming on GET would confirm alerts nobody asked for.
- **Unsubscribe**: GET shows a button, POST deletes the alert; RFC 8058's one-click POST (the
  ``List-Unsubscribe`` header of the digests) on its own address.

Every page here is ``never_cache``: they depend on a secret token or on what was posted.

Each alert belongs to the site it was subscribed on (``Alert.site``): the form only takes that
site's guides, and a link opened on another site's host shows nothing of the alert (404, as an
unknown link), though its unsubscription still goes through.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Site

from alerts import tasks, tokens
from alerts.emails import result_url
from alerts.forms import SubscribeForm
from alerts.limits import SubscribeRateLimit, hourly_cap_reached
from alerts.models import CONFIRMATION_DAYS

SUBSCRIBE_RATE = "20/h"
RETRY_AFTER_SECONDS = 3600


def same_origin(request):
    """Whether a browser posted the form from this site (``Sec-Fetch-Site``, else ``Origin``).

    This replaces Django's CSRF token on the subscription form, for a reason: the form sits in
    the guide's listing and questionnaire pages, which the anonymous page cache serves
    (``core/page_cache.py``), and a ``{% csrf_token %}`` sets a cookie on every response,
    which makes those pages uncacheable (a stored page would also carry another visitor's
    token). The view uses no session or cookie, so a cross-site request has no authority to
    borrow: what a forged POST could do, anyone can do by filling the form, and the double
    opt-in and the limits above stop it. Refusing the posts that browsers flag as cross-site
    still keeps other sites from embedding the form.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:  # not a browser, or an old one: no cookie is involved either way
        return True
    allowed = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    return origin in allowed


def page(request, template, context=None, status=200):
    response = TemplateResponse(request, f"alerts/{template}.html", context or {}, status=status)
    return response


def form_context(form):
    """The form as posted, to show again with what was typed (and its errors, if any)."""
    return {
        "alert_form": form,
        "alert_index": form.cleaned_data.get("index"),
        "alert_kind": form.data.get("kind", ""),
        "alert_query": form.data.get("query", ""),
    }


def too_many(request, form, reason):
    """A refusal by a limit that says nothing about the address (``reason``: "client" or
    "site"): 429, a French message, and the form with what was typed."""
    response = page(request, "too_many", {**form_context(form), "reason": reason}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@csrf_exempt  # see same_origin()
@never_cache
@require_POST
def subscribe(request):
    if not same_origin(request):
        return page(request, "forbidden", status=403)
    client_allowed = SubscribeRateLimit(SUBSCRIBE_RATE).allow_request(request)
    site = Site.find_for_request(request)
    form = SubscribeForm(request.POST, site=site)
    valid = form.is_valid()
    if not client_allowed:
        return too_many(request, form, "client")
    if not valid:
        return page(request, "subscribe", form_context(form))
    if hourly_cap_reached():
        return too_many(request, form, "site")
    data = form.cleaned_data
    tasks.subscribe.enqueue(
        email=data["email"],
        site_id=site.pk if site else None,
        index_id=data["index"].pk,
        kind=data["kind"],
        query=data["query"],
        frequency=data["frequency"],
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    return HttpResponseRedirect(reverse("alerts:check_mailbox"))


@never_cache
def check_mailbox(request):
    return page(request, "check_mailbox", {"days": CONFIRMATION_DAYS})


def link_problem(request, alert, expired=False):
    """The page of a link that opens nothing: 410 when it has expired, else 404."""
    return page(
        request,
        "link_problem",
        {"expired": expired, "days": CONFIRMATION_DAYS},
        status=410 if expired else 404,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    alert = tokens.alert_for_token(token, tokens.CONFIRM, Site.find_for_request(request))
    if alert is None:
        return link_problem(request, None)
    if alert.confirmation_expired():
        return link_problem(request, alert, expired=True)
    context = {"alert": alert, "result_url": result_url(alert)}
    if alert.is_confirmed:
        return page(request, "confirmed", {**context, "already": True})
    if request.method != "POST":
        return page(request, "confirm", context)
    now = timezone.now()
    alert.confirmed_at = now
    alert.seen_until = now  # the visitor has seen today's results: only what follows is new
    alert.save(update_fields=["confirmed_at", "seen_until"])
    return page(request, "confirmed", context)


def unsubscribe_alert(token):
    """Delete the token's alert, whichever site the link was opened on: unsubscribing always
    works."""
    alert = tokens.alert_for_token(token, tokens.UNSUBSCRIBE)
    if alert is not None:
        alert.delete()
    return alert


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    alert = tokens.alert_for_token(token, tokens.UNSUBSCRIBE, Site.find_for_request(request))
    if request.method == "POST":
        unsubscribe_alert(token)
        return page(request, "unsubscribed")
    if alert is None:
        # Already unsubscribed (the link of an older e-mail) or unknown: nothing to delete.
        return link_problem(request, None)
    return page(request, "unsubscribe", {"alert": alert, "result_url": result_url(alert)})


# RFC 8058: the mail client (or its provider's server) POSTs "List-Unsubscribe=One-Click" to the
# digest's List-Unsubscribe address, without cookies, so without a CSRF token: csrf_exempt on
# this address only. The token in the address is the credential, which a forging site cannot
# know. A GET here (a client opening the header's address) shows the ordinary page's button.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def one_click_unsubscribe(request, token):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("alerts:unsubscribe", args=[token]))
    unsubscribe_alert(token)
    return page(request, "unsubscribed")
