"""E-mail alerts (alerts/): subscription with double opt-in, the digest of new fiches that
fit, one-click unsubscription, and sending at most once per period."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from alerts import sending, tokens
from alerts.emails import confirm_url, unsubscribe_url
from alerts.models import Alert, AlertDelivery
from alerts.sending import is_due, period_key, send_due_alerts
from guide.models import AidPage
from tests.support.factories import AidPageFactory
from tests.support.pages import translate_guide

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Tuesday 1 December 2026 (the cutoff) and the next morning (the run).
CUTOFF = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=PARIS)
RUN = datetime.datetime(2026, 12, 2, 6, 0, tzinfo=PARIS)
ANSWERS = "commune=Vitry-sur-Seine&effectif=3"


@pytest.fixture(autouse=True)
def empty_cache():
    """The per-client subscription limit counts in the cache, shared by the tests."""
    from django.core.cache import cache

    cache.clear()


def at(day, hour=12):
    return datetime.datetime(2026, 12, day, hour, 0, tzinfo=PARIS)


def fiche(index, title, first=None, last=None, **fields):
    """A live fiche first published at ``first`` and last published at ``last``."""
    page = AidPageFactory(parent=index, title=title, **fields)
    last = last or first or at(1, 20)
    AidPage.objects.filter(pk=page.pk).update(
        first_published_at=first or last, last_published_at=last
    )
    return page


def make_alert(index, kind=Alert.Kind.QUESTIONNAIRE, query=ANSWERS, **fields):
    values = {
        "email": "cheffe@entreprise.example",
        "frequency": Alert.Frequency.DAILY,
        "language": "fr",
        "confirmed_at": CUTOFF,
        "seen_until": CUTOFF,
        **fields,
    }
    return Alert.objects.create(index=index, kind=kind, query=query, **values)


def subscribe(client, index, url="/alertes/", **data):
    values = {
        "email": "cheffe@entreprise.example",
        "frequency": "hebdomadaire",
        "kind": "questionnaire",
        "query": ANSWERS + "&aide=x&inconnu=1",
        "index": index.pk,
        **data,
    }
    return client.post(url, values)


def link(message, name):
    found = re.search(rf"https?://\S+/alertes/{name}/\S+/", message.body)
    assert found, message.body
    return found.group(0).split("://", 1)[1].split("/", 1)[1].join(("/", ""))


# Subscription ---------------------------------------------------------------------------------


def test_subscribing_saves_normalised_criteria_and_sends_a_confirmation(client, guide_index):
    response = subscribe(client, guide_index)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Vérifiez votre boîte aux lettres" in page.content.decode()
    alert = Alert.objects.get()
    assert alert.email == "cheffe@entreprise.example" and not alert.is_confirmed
    assert alert.query == "commune=Vitry-sur-Seine&effectif=3"  # unknown parameters dropped
    assert alert.frequency == Alert.Frequency.WEEKLY and alert.language == "fr"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cheffe@entreprise.example"]
    assert "http://localhost/alertes/confirmer/" in message.body
    assert alert.key not in message.body.replace(tokens.make_token(alert, tokens.CONFIRM), "")
    assert "/alertes/confirmer/" in message.alternatives[0][0]


def test_an_invalid_form_says_why_in_french_and_keeps_what_was_typed(client, guide_index):
    response = subscribe(client, guide_index, email="pas-une-adresse", frequency="horaire")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Cette adresse e-mail n" in content and "valide" in content
    assert "Choisissez « Chaque jour » ou « Chaque semaine »." in content
    assert 'value="pas-une-adresse"' in content
    assert 'value="commune=Vitry-sur-Seine&amp;effectif=3' in content
    assert not Alert.objects.exists() and not mail.outbox


def test_the_page_is_the_same_whether_or_not_the_address_has_alerts(client, guide_index):
    make_alert(guide_index)
    first = subscribe(client, guide_index)
    second = subscribe(client, guide_index, email="inconnue@entreprise.example")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_an_address_gets_at_most_three_pending_confirmations(client, guide_index):
    for _n in range(5):
        subscribe(client, guide_index, email="Victime@Exemple.example")
    assert Alert.objects.pending().count() == 3
    assert len(mail.outbox) == 3
    # The fourth answer looks the same (no enumeration).
    assert subscribe(client, guide_index, email="victime@exemple.example").status_code == 302


def test_a_client_address_has_a_subscription_budget(client, guide_index, monkeypatch):
    monkeypatch.setattr("alerts.views.SUBSCRIBE_RATE", "2/h")
    assert subscribe(client, guide_index, email="a@exemple.example").status_code == 302
    assert subscribe(client, guide_index, email="b@exemple.example").status_code == 302
    refused = subscribe(client, guide_index, email="c@exemple.example")
    assert refused.status_code == 429 and "Trop de demandes" in refused.content.decode()
    assert Alert.objects.count() == 2


def test_a_cross_site_post_is_refused(client, guide_index):
    response = client.post(
        "/alertes/",
        {
            "email": "a@b.example",
            "frequency": "quotidienne",
            "kind": "recherche",
            "query": "",
            "index": guide_index.pk,
        },
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403 and not Alert.objects.exists()


def test_the_listing_offers_the_alert_form_with_its_filters(client, guide_index):
    content = client.get("/aides/?type=pret&page=1").content.decode()
    assert 'action="/alertes/"' in content and 'autocomplete="email"' in content
    assert 'name="query" value="type=pret&amp;page=1"' in content
    assert "Votre adresse ne sert qu'à cette alerte." in content
    assert "csrfmiddlewaretoken" not in content  # the listing stays in the page cache


def test_an_english_subscription_keeps_the_language(client, guide):
    english = translate_guide(guide)
    subscribe(client, english.index, url="/en/alertes/")
    alert = Alert.objects.get()
    assert alert.language == "en" and alert.index_id == english.index.pk
    assert "http://localhost/en/alertes/confirmer/" in mail.outbox[0].body


# Confirmation ---------------------------------------------------------------------------------


def test_confirming_takes_a_post_not_a_get(client, guide_index):
    subscribe(client, guide_index)
    url = link(mail.outbox[0], "confirmer")
    page = client.get(url)
    assert page.status_code == 200 and "Confirmer l'alerte" in page.content.decode()
    assert 'method="post"' in page.content.decode()
    assert not Alert.objects.get().is_confirmed  # a mail scanner's GET confirms nothing
    done = client.post(url)
    assert done.status_code == 200 and "Alerte confirmée" in done.content.decode()
    alert = Alert.objects.get()
    assert alert.is_confirmed and alert.seen_until == alert.confirmed_at


def test_an_unknown_or_altered_token_is_a_404_page(client, guide_index):
    alert = make_alert(guide_index, confirmed_at=None)
    token = tokens.make_token(alert, tokens.CONFIRM)
    for url in ("/alertes/confirmer/nimporte-quoi/", f"/alertes/confirmer/{token[:-2]}xx/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Lien inconnu" in response.content.decode()
    # An unsubscription token does not confirm.
    other = tokens.make_token(alert, tokens.UNSUBSCRIBE)
    assert client.post(f"/alertes/confirmer/{other}/").status_code == 404


def test_an_expired_confirmation_link_is_a_410_page(client, guide_index):
    alert = make_alert(
        guide_index, confirmed_at=None, created_at=timezone.now() - datetime.timedelta(days=8)
    )
    url = confirm_url(alert).removeprefix("http://localhost")
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 410
        assert "Lien expiré" in response.content.decode()
    assert not Alert.objects.get().is_confirmed


def test_unconfirmed_alerts_receive_nothing_and_expire(guide_index):
    fiche(guide_index, "Aide à l'embauche")
    pending = make_alert(guide_index, confirmed_at=None, seen_until=None, created_at=at(1, 7))
    report = send_due_alerts(now=RUN)
    assert not mail.outbox and report.sent == []
    assert Alert.objects.filter(pk=pending.pk).exists()
    send_due_alerts(now=RUN + datetime.timedelta(days=8))
    assert not Alert.objects.filter(pk=pending.pk).exists() and not mail.outbox


# The digest -----------------------------------------------------------------------------------


def test_the_digest_holds_exactly_the_new_or_changed_fiches_that_fit(guide_index):
    fiche(guide_index, "Aide qui convient", first=at(1, 20))
    fiche(guide_index, "Aide mise à jour", first=at(1, 6), last=at(1, 21))
    fiche(guide_index, "Aide à vérifier", first=at(1, 20), min_years_in_business=3)
    fiche(guide_index, "Aide trop petite", first=at(1, 20), staff_max=1)
    fiche(guide_index, "Aide close", first=at(1, 20), closing_date=datetime.date(2026, 11, 1))
    fiche(guide_index, "Aide ancienne", first=at(1, 6))
    alert = make_alert(guide_index)
    report = send_due_alerts(now=RUN)
    assert report.sent == [alert] and len(mail.outbox) == 1
    message = mail.outbox[0]
    body, html = message.body, message.alternatives[0][0]
    assert "Aide qui convient (nouvelle)" in body
    assert "Aide mise à jour (mise à jour)" in body
    for absent in ("Aide à vérifier", "Aide trop petite", "Aide close", "Aide ancienne"):
        assert absent not in body and absent not in html
    assert "Financez vos recrutements en CDI" in body  # the promesse
    assert "http://localhost/aides/aide-qui-convient/" in body
    assert f"http://localhost/aides/mon-projet/?{ANSWERS}" in body
    assert unsubscribe_url(alert) in body and unsubscribe_url(alert) in html
    assert "2 aides nouvelles ou mises à jour" in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/un-clic/>" in message.extra_headers["List-Unsubscribe"]
    alert.refresh_from_db()
    assert alert.seen_until == RUN
    # The next day, only what was published since counts.
    fiche(guide_index, "Aide du lendemain", first=at(2, 9))
    send_due_alerts(now=RUN + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert "Aide du lendemain" in mail.outbox[1].body
    assert "Aide qui convient" not in mail.outbox[1].body


def test_no_email_when_nothing_matches_but_the_cutoff_moves(guide_index):
    fiche(guide_index, "Aide à vérifier", first=at(1, 20), min_years_in_business=3)
    alert = make_alert(guide_index)
    report = send_due_alerts(now=RUN)
    assert not mail.outbox and report.empty == 1
    alert.refresh_from_db()
    assert alert.seen_until == RUN
    assert AlertDelivery.objects.get().status == AlertDelivery.Status.EMPTY


def test_a_search_alert_gets_what_the_listing_would_list(guide_index):
    fiche(guide_index, "Prêt d'honneur", first=at(1, 20), aid_types=["pret"])
    fiche(guide_index, "Subvention d'équipement", first=at(1, 20), aid_types=["subvention"])
    fiche(guide_index, "Prêt d'avant", first=at(1, 6), aid_types=["pret"])
    make_alert(guide_index, kind=Alert.Kind.SEARCH, query="type=pret")
    send_due_alerts(now=RUN)
    body = mail.outbox[0].body
    assert "Prêt d'honneur (nouvelle)" in body
    assert "Subvention" not in body and "Prêt d'avant" not in body
    assert "http://localhost/aides/?type=pret" in body


def test_a_search_alert_with_words_searches_the_text(guide_index):
    fiche(guide_index, "Prêt pour la transition écologique", first=at(1, 20))
    fiche(guide_index, "Conseil export", first=at(1, 20))
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    make_alert(guide_index, kind=Alert.Kind.SEARCH, query="q=transition")
    send_due_alerts(now=RUN)
    body = mail.outbox[0].body
    assert "Prêt pour la transition écologique" in body and "Conseil export" not in body


# Sending at most once -------------------------------------------------------------------------


def test_running_twice_sends_one_email(guide_index):
    fiche(guide_index, "Aide qui convient", first=at(1, 20))
    make_alert(guide_index)
    call_command("send_alerts", stdout=io.StringIO())
    call_command("send_alerts", stdout=io.StringIO())
    # A later run the same day (Europe/Paris): five minutes on, unless that is past midnight.
    now = timezone.localtime()
    end_of_day = now.replace(hour=23, minute=59, second=59, microsecond=999999)
    send_due_alerts(now=min(now + datetime.timedelta(minutes=5), end_of_day))
    assert len(mail.outbox) == 1
    assert AlertDelivery.objects.get().status == AlertDelivery.Status.SENT


def test_a_crash_after_sending_never_sends_the_period_again(guide_index, monkeypatch):
    fiche(guide_index, "Aide qui convient", first=at(1, 20))
    alert = make_alert(guide_index)

    def crash(delivery):
        raise SystemExit("killed")

    monkeypatch.setattr(sending, "mark_sent", crash)
    with pytest.raises(SystemExit):
        send_due_alerts(now=RUN)
    assert len(mail.outbox) == 1
    monkeypatch.undo()
    fiche(guide_index, "Aide publiée après le crash", first=at(2, 7))
    report = send_due_alerts(now=RUN + datetime.timedelta(hours=3))
    assert len(mail.outbox) == 1  # same day: nothing sent again
    assert [d.alert_id for d in report.interrupted] == [alert.pk]
    err = io.StringIO()
    call_command("send_alerts", stdout=io.StringIO(), stderr=err)
    assert "Envoi interrompu" in err.getvalue()


def test_a_refused_message_is_retried_with_the_next_period(guide_index, monkeypatch):
    fiche(guide_index, "Aide qui convient", first=at(1, 20))
    alert = make_alert(guide_index)

    def refuse(self, fail_silently=False):
        raise OSError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        report = send_due_alerts(now=RUN)
    assert report.failed == [alert] and not mail.outbox
    alert.refresh_from_db()
    assert alert.seen_until == CUTOFF
    send_due_alerts(now=RUN + datetime.timedelta(days=1))
    assert "Aide qui convient" in mail.outbox[0].body


def test_weekly_alerts_are_due_on_mondays_or_after_seven_days():
    alert = Alert(frequency=Alert.Frequency.WEEKLY, confirmed_at=at(2))  # a Wednesday
    monday, thursday = datetime.date(2026, 12, 7), datetime.date(2026, 12, 3)
    assert is_due(alert, monday)
    assert not is_due(alert, thursday)
    assert not is_due(alert, datetime.date(2026, 12, 8), last_delivery=at(7, 6))
    # Monday missed: due on Tuesday, 7 days after the last delivery.
    assert is_due(alert, datetime.date(2026, 12, 8), last_delivery=at(1, 6))
    assert (
        period_key(alert.frequency, monday)
        == period_key(alert.frequency, thursday + datetime.timedelta(days=8))
        == "2026-W50"
    )
    daily = Alert(frequency=Alert.Frequency.DAILY, confirmed_at=at(2))
    assert is_due(daily, thursday) and period_key(daily.frequency, thursday) == "2026-12-03"


def test_a_weekly_alert_sends_once_a_week(guide_index):
    fiche(guide_index, "Aide qui convient", first=at(1, 20))
    make_alert(guide_index, frequency=Alert.Frequency.WEEKLY)
    send_due_alerts(now=RUN)  # Wednesday: not due yet
    assert not mail.outbox
    send_due_alerts(now=datetime.datetime(2026, 12, 7, 6, tzinfo=PARIS))  # Monday
    send_due_alerts(now=datetime.datetime(2026, 12, 8, 6, tzinfo=PARIS))
    assert len(mail.outbox) == 1
    assert send_due_alerts(now=RUN, frequency=Alert.Frequency.DAILY).sent == []


# Unsubscription -------------------------------------------------------------------------------


def test_unsubscribing_shows_a_button_then_deletes_the_alert(guide_index):
    alert = make_alert(guide_index)
    client = Client(enforce_csrf_checks=True)
    url = unsubscribe_url(alert).removeprefix("http://localhost")
    page = client.get(url)
    content = page.content.decode()
    assert page.status_code == 200 and "Supprimer cette alerte" in content
    assert Alert.objects.filter(pk=alert.pk).exists()
    assert client.post(url).status_code == 403  # this form needs its CSRF token
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
    done = client.post(url, {"csrfmiddlewaretoken": token})
    assert done.status_code == 200 and "Alerte supprimée" in done.content.decode()
    assert not Alert.objects.filter(pk=alert.pk).exists()
    assert client.get(url).status_code == 404


def test_one_click_unsubscription_works_without_a_csrf_token(guide_index):
    fiche(guide_index, "Aide qui convient", first=at(1, 20))
    alert = make_alert(guide_index)
    send_due_alerts(now=RUN)
    header = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    client = Client(enforce_csrf_checks=True)
    url = header.removeprefix("http://localhost")
    assert client.get(url).status_code == 302  # a GET only leads to the page with the button
    assert Alert.objects.filter(pk=alert.pk).exists()
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Alert.objects.filter(pk=alert.pk).exists()
    assert not AlertDelivery.objects.exists()


# Languages ------------------------------------------------------------------------------------


def test_an_english_alert_links_to_the_english_guide(guide):
    english = translate_guide(guide)
    fiche(guide[1], "Aide française", first=at(1, 20))
    english_fiche = fiche(english.index, "English aid", first=at(1, 20))
    alert = make_alert(english.index, language="en")
    send_due_alerts(now=RUN)
    body = mail.outbox[0].body
    assert "English aid" in body and "Aide française" not in body
    assert english_fiche.get_full_url() in body and "/en/" in english_fiche.get_full_url()
    assert "http://localhost/en/alertes/desinscription/" in body
    assert f"http://localhost/en/aides/mon-projet/?{ANSWERS}" in body
    with translation.override("en"):
        english_hello = translation.gettext("Bonjour,")
    if english_hello == "Bonjour,":
        pytest.skip("the English catalogue has no alert strings yet (make messages)")
    assert english_hello in body and "Bonjour," not in body
    assert alert.language == "en"


# Pages and personal data ----------------------------------------------------------------------


def test_the_alert_pages_are_valid_html(client, guide_index, tmp_path):
    from tests.support.html_validation import validate

    alert = make_alert(guide_index, confirmed_at=None)
    confirm = confirm_url(alert).removeprefix("http://localhost")
    pages = {
        "listing": client.get("/aides/?type=pret"),
        "invalid": subscribe(client, guide_index, email="x", frequency="y"),
        "check": client.get("/alertes/verifiez-vos-e-mails/"),
        "confirm": client.get(confirm),
        "confirmed": client.post(confirm),
        "unknown": client.get("/alertes/confirmer/inconnu/"),
        "unsubscribe": client.get(unsubscribe_url(alert).removeprefix("http://localhost")),
        "unsubscribed": client.post(unsubscribe_url(alert).removeprefix("http://localhost")),
    }
    assert validate({name: r.content for name, r in pages.items()}, tmp_path) == []


def test_the_personal_data_page_explains_the_alerts():
    from demo import english, site_pages

    page = next(p for p in site_pages.CONTENT_PAGES if p["slug"] == "donnees-personnelles")
    body = page["body"]
    assert "<h2>Alertes par e-mail</h2>" in body
    for words in ("adresse électronique", "fréquence", "qu'à vous envoyer cette", "7 jours"):
        assert words in body
    assert "jusqu'à votre désabonnement" in body
    paragraphs = re.findall(r"<p>(.*?)</p>", body.split("Alertes par e-mail")[1])[:2]
    assert all(paragraph in english.ENGLISH for paragraph in paragraphs)
