"""The daily command: scheduled publishing, re-indexing, and the team's digest e-mail."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from guide.models import AidContact, AidPage, Contact, GuideSettings
from guide.roles import ADMINISTRATORS, EDITORS, REVIEWERS, role_group
from tests.support.factories import AidPageFactory, ContactFactory

ON = datetime.date(2026, 11, 22)
SUBJECT = "Guide des aides Grand-Orly Seine Bièvre : à traiter le 22 novembre 2026"

pytestmark = pytest.mark.django_db


def day(offset):
    return ON + datetime.timedelta(days=offset)


def fiche(parent, title, **fields):
    """A published fiche, complete and verified yesterday unless told otherwise."""
    fields.setdefault("last_verified", day(-1))
    page = AidPageFactory(parent=parent, title=title, with_contact=False, **fields)
    AidContact.objects.create(
        page=page,
        contact=ContactFactory(kind=Contact.Kind.MAILBOX),
        referral_note="De la part du GOSB",
    )
    return page


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("guide_daily", "--on", ON.isoformat(), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def member(django_user_model, username, group_name, email=None, is_active=True):
    user = django_user_model.objects.create_user(
        username,
        f"{username}@gosb.example" if email is None else email,
        "pw",
        is_active=is_active,
    )
    user.groups.add(role_group(group_name))
    return user


@pytest.fixture
def team(django_user_model, guide):
    """The settings' team address, two recipients, and four users who get nothing."""
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.digest_email = "equipe@gosb.example"
    settings.save()
    member(django_user_model, "valideuse", REVIEWERS)
    admin = member(django_user_model, "admin", ADMINISTRATORS)
    admin.groups.add(role_group(REVIEWERS))  # in both groups: one e-mail
    member(django_user_model, "ancien", REVIEWERS, is_active=False)
    member(django_user_model, "sansmail", REVIEWERS, email="")
    member(django_user_model, "redacteur", EDITORS)
    django_user_model.objects.create_superuser("root", "root@gosb.example", "pw")
    return ["equipe@gosb.example", "admin@gosb.example", "valideuse@gosb.example"]


@pytest.fixture
def fiches(guide_index):
    """One fiche per section of the digest, and fiches that need nothing."""
    return {
        "closing": fiche(guide_index, "Prêt qui ferme", closing_date=day(9)),
        "closed": fiche(guide_index, "Subvention close", closing_date=day(-1), is_featured=True),
        "to_verify": fiche(guide_index, "Conseil jamais vérifié", last_verified=None),
        "incomplete": fiche(guide_index, "Appui sans territoire", territories=[]),
        "fine": fiche(guide_index, "Tout va bien", closing_date=day(90)),
        "closed_long_ago": fiche(guide_index, "Close depuis longtemps", closing_date=day(-60)),
        "draft": fiche(guide_index, "Brouillon", closing_date=day(3), live=False),
    }


def sections(text):
    """{section heading: [titles listed]} from the plain-text digest."""
    found = {}
    current = None
    for line in text.splitlines():
        heading = re.fullmatch(r"(\S.*) : (\d+)", line)
        if heading:
            current = found.setdefault(heading.group(1), [])
        elif line.startswith("- ") and current is not None:
            current.append(line[2:].split(" — ")[0])
    return found


def edit_link(page):
    return "http://testserver" + reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_the_digest_goes_to_the_team_with_exactly_the_fiches_to_handle(team, fiches):
    out, err = run()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == team
    assert message.subject == SUBJECT
    assert sections(message.body) == {
        "Ferment dans les 30 jours": ["Prêt qui ferme"],
        "Clôturées ces 7 derniers jours": ["Subvention close"],
        "À vérifier auprès de l'opérateur": ["Conseil jamais vérifié"],
        "Incomplètes": ["Appui sans territoire"],
    }
    assert "- Prêt qui ferme — date limite : 1 décembre 2026 (J-9)" in message.body
    assert (
        "- Subvention close — date limite passée (21 novembre 2026), encore à la une"
        in message.body
    )
    assert "- Conseil jamais vérifié — jamais vérifiée" in message.body
    assert "- Appui sans territoire — Aucun territoire couvert" in message.body
    for key in ("closing", "closed", "to_verify", "incomplete"):
        assert edit_link(fiches[key]) in message.body
    assert "http://testserver/admin/rapports-guide/ferment-bientot/" in message.body

    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="{edit_link(fiches["closing"])}">Prêt qui ferme</a>' in html
    assert "Tout va bien" not in html

    assert "Récapitulatif envoyé à 3 destinataire(s) : " + ", ".join(team) in out
    assert err == ""


def test_a_long_section_lists_its_first_fiches_and_links_to_the_report(team, guide_index):
    from reports import digest

    for number in range(digest.LIST_LIMIT + 2):
        fiche(guide_index, f"Jamais vérifiée {number:02d}", last_verified=None)
    run()
    body = mail.outbox[0].body
    assert "À vérifier auprès de l'opérateur : 22" in body
    assert len(sections(body)["À vérifier auprès de l'opérateur"]) == digest.LIST_LIMIT
    assert "… et 2 autres fiches : http://testserver/admin/rapports-guide/a-verifier/" in body


def test_dry_run_prints_the_digest_and_sends_nothing(team, fiches, guide_index):
    scheduled = fiche(guide_index, "Programmée", live=False, closing_date=day(5))
    scheduled.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(hours=1))

    out, _err = run("--dry-run")

    assert mail.outbox == []
    assert f"Objet : {SUBJECT}" in out
    assert "Destinataires : " + ", ".join(team) in out
    assert sections(out)["Ferment dans les 30 jours"] == ["Prêt qui ferme"]
    assert "Essai (--dry-run) : aucun e-mail envoyé." in out
    assert "Revisions to be published:" in out  # Wagtail's own dry run lists it...
    assert not AidPage.objects.get(pk=scheduled.pk).live  # ...and publishes nothing


def test_nothing_to_report_sends_nothing(team, guide_index):
    fiche(guide_index, "Tout va bien", closing_date=day(90))
    fiche(guide_index, "Permanente")

    out, _err = run()

    assert mail.outbox == []
    assert "Récapitulatif : rien à signaler, aucun e-mail envoyé." in out


def test_scheduled_publication_happens_before_the_digest(team, guide_index):
    scheduled = fiche(guide_index, "Programmée", live=False, closing_date=day(5))
    scheduled.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(hours=1))
    assert not AidPage.objects.get(pk=scheduled.pk).live

    out, _err = run()

    assert AidPage.objects.get(pk=scheduled.pk).live
    assert "Publications et dépublications programmées : effectuées." in out
    assert sections(mail.outbox[0].body)["Ferment dans les 30 jours"] == ["Programmée"]


def test_fiches_changing_status_today_are_reindexed(team, guide_index, monkeypatch):
    reindexed = []
    monkeypatch.setattr(
        "reports.management.commands.guide_daily.insert_or_update_object",
        lambda page: reindexed.append(page.title),
    )
    fiche(guide_index, "Ouvre aujourd'hui", opening_date=day(0))
    fiche(guide_index, "Close depuis aujourd'hui", closing_date=day(-1))
    fiche(guide_index, "Ferme bientôt depuis aujourd'hui", closing_date=day(30))
    fiche(guide_index, "Ferme bientôt depuis hier", closing_date=day(29))
    fiche(guide_index, "Ouverte hier", opening_date=day(-1))
    fiche(guide_index, "Close depuis hier", closing_date=day(-2))

    out, _err = run()

    assert sorted(reindexed) == [
        "Close depuis aujourd'hui",
        "Ferme bientôt depuis aujourd'hui",
        "Ouvre aujourd'hui",
    ]
    assert "Index de recherche : 3 fiche(s) réindexée(s)." in out


def test_dry_run_reindexes_nothing(team, guide_index, monkeypatch):
    reindexed = []
    monkeypatch.setattr(
        "reports.management.commands.guide_daily.insert_or_update_object",
        lambda page: reindexed.append(page.title),
    )
    fiche(guide_index, "Ouvre aujourd'hui", opening_date=day(0))
    out, _err = run("--dry-run")
    assert reindexed == []
    assert "Index de recherche : 1 fiche(s) à réindexer." in out
    assert "  - Ouvre aujourd'hui (fr)" in out


def test_without_recipients_nothing_is_sent(guide, fiches):
    out, err = run()
    assert mail.outbox == []
    assert "aucun destinataire" in err


def test_the_day_must_be_a_date(guide):
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        call_command("guide_daily", "--on", "22/11/2026", stdout=io.StringIO())


def test_the_day_defaults_to_today_in_paris(team, fiches, monkeypatch):
    monkeypatch.setattr("guide.status.today", lambda: ON)
    call_command("guide_daily", stdout=io.StringIO(), stderr=io.StringIO())
    assert mail.outbox[0].subject == SUBJECT
