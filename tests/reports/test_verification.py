"""« Fiches à vérifier » counts a fiche as verified on its first publication, follows each
guide's period, links each row to what must be fixed, and keeps to the user's territories."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from guide.models import AidContact, AidPage, Contact, GuideSettings
from guide.roles import ADMINISTRATORS, EDITORS, REVIEWERS, role_group
from reports import attention
from reports.digest import build_digest
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory
from tests.support.sites import first_site, make_second_site

ON = datetime.date(2026, 11, 22)
ROLES = (EDITORS, REVIEWERS, ADMINISTRATORS)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("guide.status.today", lambda: ON)


def at(day, hour=12, minute=0):
    """``day`` at ``hour``:``minute`` in Europe/Paris."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def fiche(parent, title, published=None, contact=None, **fields):
    """A live fiche, first published at noon on ``published`` (None: Wagtail's factory sets no
    publication date), with one reachable mailbox contact unless ``contact`` is given."""
    page = AidPageFactory(parent=parent, title=title, with_contact=False, **fields)
    if published is not None:
        AidPage.objects.filter(pk=page.pk).update(first_published_at=at(published))
    contact = contact or ContactFactory(
        kind=Contact.Kind.MAILBOX, organisation=OrganisationFactory(site=site_of(parent))
    )
    AidContact.objects.create(page=page, contact=contact, referral_note="De la part du GOSB")
    return AidPage.objects.get(pk=page.pk)


def site_of(index):
    return next(site for site in Site.objects.all() if index.path.startswith(site.root_page.path))


def titles(fiches):
    return [page.title for page in fiches]


# The rule -----------------------------------------------------------------------------------


def test_verified_on_is_the_check_else_the_first_publication_in_paris(guide_index):
    # 23:30 UTC on 21 May is 01:30 on 22 May in Paris.
    late = fiche(guide_index, "Publiée tard", last_verified=None)
    AidPage.objects.filter(pk=late.pk).update(
        first_published_at=datetime.datetime(2026, 5, 21, 23, 30, tzinfo=datetime.UTC)
    )
    fiche(
        guide_index,
        "Vérifiée après publication",
        published=ON.replace(month=1),
        last_verified=datetime.date(2026, 3, 4),
    )
    fiche(guide_index, "Ni vérifiée ni datée", last_verified=None)

    annotated = {
        page.title: page.verified_on
        for page in AidPage.objects.annotate(verified_on=attention.verified_on_expression())
    }
    computed = {page.title: attention.verified_on(page) for page in AidPage.objects.live()}
    assert (
        annotated
        == computed
        == {
            "Publiée tard": datetime.date(2026, 5, 22),
            "Vérifiée après publication": datetime.date(2026, 3, 4),
            "Ni vérifiée ni datée": None,
        }
    )


def test_a_new_fiche_is_verified_on_its_publication(guide_index):
    fiche(
        guide_index, "Publiée hier", published=ON - datetime.timedelta(days=1), last_verified=None
    )
    fiche(
        guide_index,
        "Publiée il y a 6 mois",
        published=datetime.date(2026, 5, 22),
        last_verified=None,
    )
    fiche(
        guide_index,
        "Publiée il y a 6 mois moins un jour",
        published=datetime.date(2026, 5, 23),
        last_verified=None,
    )
    fiche(
        guide_index,
        "Ancienne, revérifiée",
        published=datetime.date(2024, 1, 8),
        last_verified=datetime.date(2026, 10, 1),
    )
    fiche(
        guide_index,
        "Ancienne, vérifiée il y a un an",
        published=datetime.date(2024, 1, 8),
        last_verified=datetime.date(2025, 11, 1),
    )

    assert sorted(titles(attention.to_verify(ON))) == [
        "Ancienne, vérifiée il y a un an",
        "Publiée il y a 6 mois",
    ]


def test_each_guide_has_its_own_period(guide):
    home, index = guide
    first = first_site(home, index)
    second = make_second_site()
    first.settings.verification_months = 3
    first.settings.save()
    four_months_ago = datetime.date(2026, 7, 22)
    fiche(first.guide, "GOSB vérifiée il y a 4 mois", last_verified=four_months_ago)
    fiche(second.guide, "13 vérifiée il y a 4 mois", last_verified=four_months_ago)
    fiche(second.guide, "13 vérifiée il y a 7 mois", last_verified=datetime.date(2026, 4, 20))

    assert sorted(titles(attention.to_verify(ON))) == [
        "13 vérifiée il y a 7 mois",
        "GOSB vérifiée il y a 4 mois",
    ]
    assert titles(attention.to_verify(ON, site=second.site)) == ["13 vérifiée il y a 7 mois"]
    assert titles(attention.to_verify(ON, site=first.site)) == ["GOSB vérifiée il y a 4 mois"]


def test_the_age_reads_in_french():
    assert attention.verification_age(datetime.date(2026, 3, 20), ON) == "il y a 8\xa0mois"
    assert attention.verification_age(datetime.date(2025, 11, 1), ON) == "il y a 1\xa0an"
    assert attention.verification_age(ON, ON) == "aujourd'hui"


# The report ---------------------------------------------------------------------------------


def rows(response):
    """[[cell texts]] of the report's table body."""
    assert response.status_code == 200
    html = response.content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    ]


def headers(response):
    html = response.content.decode()
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", th).split())
        for th in re.findall(r"<th[^>]*>(.*?)</th>", head, flags=re.S)
    ]


def csv_rows(response):
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def report(name, **params):
    url = reverse(f"guide_reports:{name}")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_the_report_gives_the_date_its_age_and_the_due_day_oldest_first(editor_client, guide_index):
    fiche(guide_index, "Publiée en mars", published=datetime.date(2026, 3, 20), last_verified=None)
    fiche(
        guide_index,
        "Vérifiée en 2025",
        published=datetime.date(2024, 2, 1),
        last_verified=datetime.date(2025, 11, 1),
    )
    fiche(
        guide_index,
        "Publiée le mois dernier",
        published=datetime.date(2026, 10, 20),
        last_verified=None,
    )

    response = editor_client.get(report("a_verifier"))
    assert headers(response)[-2:] == ["Vérifiée le", "À vérifier depuis le"]
    table = rows(response)
    assert [row[0] for row in table] == ["Vérifiée en 2025", "Publiée en mars"]
    assert table[0][2:] == ["1 novembre 2025 il y a 1 an", "1 mai 2026"]
    assert table[1][2:] == ["20 mars 2026 publiée il y a 8 mois", "20 septembre 2026"]
    assert "jamais" not in response.content.decode()

    exported = csv_rows(editor_client.get(report("a_verifier", export="csv")))
    assert exported[0] == [
        "Fiche",
        "Opérateur",
        "Vérifiée le",
        "Origine de la date",
        "Ancienneté",
        "À vérifier depuis le",
        "Lien",
    ]
    assert exported[1][2:6] == ["2025-11-01", "vérification", "il y a 1\xa0an", "2026-05-01"]
    assert exported[2][2:6] == ["2026-03-20", "publication", "il y a 8\xa0mois", "2026-09-20"]

    only_published = editor_client.get(report("a_verifier", verification="publication"))
    assert [row[0] for row in rows(only_published)] == ["Publiée en mars"]


def test_incomplete_rows_link_to_the_contacts_the_user_may_change(client, django_user_model, guide):
    home, index = guide
    first_site(home, index)
    own = ContactFactory(
        name="Service sans coordonnées", kind=Contact.Kind.MAILBOX, email="", phone=""
    )
    shared = ContactFactory(
        name="Conseillère nationale",
        kind=Contact.Kind.PERSON,
        publication_consent=False,
        organisation=OrganisationFactory(name="Bpifrance", site=None),
    )
    fiche(index, "Injoignable", contact=own)
    fiche(index, "Sans accord", contact=shared)

    for role in ROLES:
        user = django_user_model.objects.create_user(f"u-{role}", f"{role}@x.example", "pw")
        user.groups.add(role_group(role))
        client.force_login(user)
        html = client.get(report("incompletes")).content.decode()
        own_edit = reverse("wagtailsnippets_guide_contact:edit", args=[own.pk])
        shared_edit = reverse("wagtailsnippets_guide_contact:edit", args=[shared.pk])
        assert f'<a href="{own_edit}">Service sans coordonnées</a>' in html, role
        assert "Contact sans e-mail ni téléphone :" in html
        # A shared record is changed by a superuser only: its name, without a link.
        assert "Conseillère nationale" in html and shared_edit not in html, role
        assert client.get(own_edit).status_code == 200, role

    superuser = django_user_model.objects.create_superuser("root", "root@x.example", "pw")
    client.force_login(superuser)
    html = client.get(report("incompletes")).content.decode()
    assert f'href="{reverse("wagtailsnippets_guide_contact:edit", args=[shared.pk])}"' in html
    exported = csv_rows(client.get(report("incompletes", export="csv")))
    assert sorted(row[2] for row in exported[1:]) == [
        "Contact sans e-mail ni téléphone (Service sans coordonnées)",
        "Personne nommée sans accord de publication (Conseillère nationale)",
    ]


# Territories --------------------------------------------------------------------------------


@pytest.fixture
def two_sites(guide):
    home, index = guide
    first = first_site(home, index)
    second = make_second_site()
    old = datetime.date(2025, 1, 10)
    for site_guide, prefix in ((first, "GOSB"), (second, "13")):
        fiche(site_guide.guide, f"{prefix} à vérifier", last_verified=old)
        fiche(site_guide.guide, f"{prefix} sans territoire", territories=[], last_verified=ON)
        ContactFactory(
            name=f"{prefix} contact oublié",
            organisation=OrganisationFactory(name=f"{prefix} org", site=site_guide.site),
        )
    return first, second


FICHE_REPORTS = {"a_verifier": "à vérifier", "incompletes": "sans territoire"}


def test_each_role_sees_its_own_territory_only(client, django_user_model, two_sites):
    for site_guide, prefix, other in ((two_sites[0], "GOSB", "13"), (two_sites[1], "13", "GOSB")):
        for role in ROLES:
            user = django_user_model.objects.create_user(f"{prefix}-{role}", "", "pw")
            user.groups.add(role_group(role, site_guide.site))
            client.force_login(user)
            for name, suffix in FICHE_REPORTS.items():
                response = client.get(report(name))
                assert [row[0] for row in rows(response)] == [f"{prefix} {suffix}"], (role, name)
                assert "Territoire" not in headers(response)
                exported = csv_rows(client.get(report(name, export="csv")))
                assert [row[0] for row in exported[1:]] == [f"{prefix} {suffix}"]
                assert "Territoire" not in exported[0]
            contacts = client.get(report("contacts_inutilises"))
            if role == EDITORS:  # Rédacteurs change contacts too
                assert contacts.status_code == 200
            if contacts.status_code == 200:
                assert [row[0] for row in rows(contacts)] == [f"{prefix} contact oublié"]
            dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
            assert f"{other} à vérifier" not in dashboard


def test_a_superuser_and_a_member_of_two_teams_see_the_territory(
    client, django_user_model, two_sites
):
    first, second = two_sites
    both = django_user_model.objects.create_user("deux", "", "pw")
    both.groups.add(role_group(REVIEWERS, first.site), role_group(REVIEWERS, second.site))
    superuser = django_user_model.objects.create_superuser("root", "root@x.example", "pw")
    for user in (both, superuser):
        client.force_login(user)
        response = client.get(report("a_verifier", ordering="title"))
        assert headers(response)[:2] == ["Fiche", "Territoire"]
        assert [row[:2] for row in rows(response)] == [
            ["13 à vérifier", "Bouches-du-Rhône"],
            ["GOSB à vérifier", "Grand-Orly Seine Bièvre"],
        ]
        exported = csv_rows(client.get(report("a_verifier", ordering="title", export="csv")))
        assert exported[0][:2] == ["Fiche", "Territoire"]
        assert [row[1] for row in exported[1:]] == ["Bouches-du-Rhône", "Grand-Orly Seine Bièvre"]
    contacts = client.get(report("contacts_inutilises"))
    assert [row[:2] for row in rows(contacts)] == [
        ["13 contact oublié", "Bouches-du-Rhône"],
        ["GOSB contact oublié", "Grand-Orly Seine Bièvre"],
    ]


# The digest ---------------------------------------------------------------------------------


def test_the_digest_uses_the_same_rule(guide):
    home, index = guide
    first = first_site(home, index)
    fiche(index, "Publiée il y a 8 mois", published=datetime.date(2026, 3, 20), last_verified=None)
    fiche(
        index, "Publiée le mois dernier", published=datetime.date(2026, 10, 20), last_verified=None
    )
    fiche(
        index,
        "Vérifiée il y a un an",
        published=datetime.date(2024, 1, 1),
        last_verified=datetime.date(2025, 11, 1),
    )

    digest = build_digest(ON, GuideSettings.for_site(first.site), site=first.site)
    text = digest.render_text()
    to_verify = next(section for section in digest.sections if section.key == "to_verify")
    assert [item.title for item in to_verify.items] == [
        "Vérifiée il y a un an",
        "Publiée il y a 8 mois",
    ]
    assert "Vérifiée il y a un an — vérifiée le 1 novembre 2025 (il y a 1\xa0an)" in text
    assert (
        "Publiée il y a 8 mois — publiée le 20 mars 2026, pas vérifiée depuis (il y a 8\xa0mois)"
        in text
    )
    assert "jamais" not in text
