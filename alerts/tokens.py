"""The secret of an alert's links: its random key, signed with ``SECRET_KEY``.

A link's token is ``<key>.<signature>``. The key is random (``secrets.token_urlsafe``, 192
bits), so a token cannot be guessed; the signature (HMAC, one salt per purpose) means the keys
a database dump would show open nothing without the secret key. Why not store a hash of the
token only: every digest must carry a working unsubscribe link, so the sending command has to
rebuild the token, and a stored hash cannot give it back. A signed key gives the same property
(what is stored is not enough) and keeps one-click links working; ``SECRET_KEY_FALLBACKS``
keeps old links valid through a key rotation.
"""

from django.core import signing

from alerts.models import Alert

CONFIRM = "alerts.confirm"
UNSUBSCRIBE = "alerts.unsubscribe"


def make_token(alert, purpose):
    return signing.Signer(salt=purpose, sep=".").sign(alert.key)


def alert_for_token(token, purpose, site=None):
    """The alert of a token, or None (unknown, altered or deleted, or, with ``site``, an alert
    of another site: an alert without a site belongs to the default site)."""
    try:
        key = signing.Signer(salt=purpose, sep=".").unsign(token)
    except signing.BadSignature:
        return None
    alert = Alert.objects.select_related("index", "site").filter(key=key).first()
    if alert is not None and site is not None:
        alert_site = alert.alert_site()
        if alert_site is not None and alert_site.pk != site.pk:
            return None
    return alert
