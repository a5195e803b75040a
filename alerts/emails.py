"""The alerts' e-mails, in the alert's language: the confirmation and the digest.

Links are absolute, built from the alert's Wagtail ``Site`` (its root URL, as the fiches' own
``get_full_url()``), in the alert's language (``/en/alertes/...`` for an English alert).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from alerts import tokens
from alerts.matching import result_path


def from_email():
    return getattr(settings, "ALERTS_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL


def site_root(alert):
    """The root URL of the alert's site (the host it was subscribed on)."""
    site = alert.alert_site() or alert.index.get_site()
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/")


def absolute(alert, name, purpose):
    with translation.override(alert.language):
        path = reverse(name, args=[tokens.make_token(alert, purpose)])
    return site_root(alert) + path


def confirm_url(alert):
    return absolute(alert, "alerts:confirm", tokens.CONFIRM)


def unsubscribe_url(alert):
    return absolute(alert, "alerts:unsubscribe", tokens.UNSUBSCRIBE)


def one_click_url(alert):
    return absolute(alert, "alerts:one_click", tokens.UNSUBSCRIBE)


def result_url(alert):
    return alert.index.get_full_url() + result_path(alert)


def render(alert, template, context):
    context = {"alert": alert, "result_url": result_url(alert), **context}
    text = render_to_string(f"alerts/emails/{template}.txt", context)
    html = render_to_string(f"alerts/emails/{template}.html", context)
    return text, html


def send_confirmation(alert):
    with translation.override(alert.language):
        subject = gettext("Confirmez votre alerte du guide des aides")
        text, html = render(
            alert,
            "confirm",
            {"confirm_url": confirm_url(alert), "unsubscribe_url": unsubscribe_url(alert)},
        )
    message = EmailMultiAlternatives(
        subject, text, from_email(), [alert.email], headers={"Auto-Submitted": "auto-generated"}
    )
    message.attach_alternative(html, "text/html")
    message.send()


def digest_message(alert, changes):
    """The digest of ``changes`` (``alerts.matching.FicheChange``), ready to send."""
    with translation.override(alert.language):
        subject = ngettext(
            "Guide des aides : %(count)d aide nouvelle ou mise à jour pour vous",
            "Guide des aides : %(count)d aides nouvelles ou mises à jour pour vous",
            len(changes),
        ) % {"count": len(changes)}
        items = [
            {
                "title": change.page.title,
                "promesse": change.page.promesse,
                "url": change.page.get_full_url(),
                "is_new": change.is_new,
            }
            for change in changes
        ]
        text, html = render(
            alert, "digest", {"items": items, "unsubscribe_url": unsubscribe_url(alert)}
        )
    # RFC 2369 and RFC 8058: mail clients show an "unsubscribe" button that POSTs
    # "List-Unsubscribe=One-Click" to the URL (alerts.views.one_click_unsubscribe).
    headers = {
        "List-Unsubscribe": f"<{one_click_url(alert)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    message = EmailMultiAlternatives(subject, text, from_email(), [alert.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message
