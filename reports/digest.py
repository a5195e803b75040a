"""The team's daily digest: the fiches to act on, as one French e-mail (plain text and HTML).

Four sets of ``reports.attention``: closing within 30 days, closed recently, to verify,
incomplete; one digest per site, of its own fiches, with its own settings. Each section gives
its count and the titles with their admin edit links (absolute, from
``WAGTAILADMIN_BASE_URL``); a long section lists its first ``LIST_LIMIT`` fiches and links to
its report for the rest.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_admin_base_url

from core.sites import site_tree_q
from guide import status
from guide.formatting import format_long_date
from guide.models import EditorialTeam
from reports import attention, views

LIST_LIMIT = 20


def admin_url(path):
    return (get_admin_base_url() or "").rstrip("/") + path


@dataclass
class DigestItem:
    title: str
    detail: str
    url: str


@dataclass
class DigestSection:
    key: str
    title: str
    count: int
    items: list
    report_url: str = ""

    @property
    def more(self):
        """How many fiches the section counts but does not list."""
        return self.count - len(self.items)


@dataclass
class Digest:
    on: object
    territory_name: str
    sections: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not any(section.count for section in self.sections)

    @property
    def subject(self):
        return gettext("Guide des aides %(territory)s : à traiter le %(date)s") % {
            "territory": self.territory_name,
            "date": format_long_date(self.on),
        }

    def context(self):
        return {"digest": self, "date": format_long_date(self.on)}

    def render_text(self):
        return render_to_string("reports/digest_email.txt", self.context())

    def render_html(self):
        return render_to_string("reports/digest_email.html", self.context())


def section(key, title, fiches, detail, report=None):
    """One section: the count of ``fiches``, and the first ``LIST_LIMIT`` with ``detail(fiche)``."""
    listed = list(fiches[:LIST_LIMIT])
    count = len(listed) if len(listed) < LIST_LIMIT else fiches.count()
    items = [
        DigestItem(
            fiche.title,
            detail(fiche),
            admin_url(reverse("wagtailadmin_pages:edit", args=[fiche.pk])),
        )
        for fiche in listed
    ]
    report_url = admin_url(reverse(report.url_name())) if report else ""
    return DigestSection(key, str(title), count, items, report_url)


def closing_detail(on):
    def detail(fiche):
        return gettext("date limite : %(date)s (J-%(days)d)") % {
            "date": format_long_date(fiche.closing_date),
            "days": status.days_left(fiche.closing_date, on),
        }

    return detail


def verification_detail(on):
    """« vérifiée le 3 mars 2026 (il y a 8 mois) », « publiée le … » for a fiche never
    verified since its publication (``attention.verified_on``)."""

    def detail(fiche):
        day = attention.verified_on(fiche)
        if day is None:
            return gettext("jamais vérifiée")
        values = {"date": format_long_date(day), "age": attention.verification_age(day, on)}
        if fiche.last_verified:
            return gettext("vérifiée le %(date)s (%(age)s)") % values
        return gettext("publiée le %(date)s, pas vérifiée depuis (%(age)s)") % values

    return detail


def incomplete_detail(fiche):
    return ", ".join(str(reason.label) for reason in attention.incomplete_reasons(fiche))


def build_digest(on, guide_settings=None, site=None):
    """The digest of the fiches to act on; with ``site``, of that site's fiches only (each
    territory's team gets its own, with its settings: name, verification period). Without
    ``site``, every fiche, each due for verification after its own site's period."""
    guide_settings = guide_settings or attention.attention_settings()
    days = attention.recently_closed_days()
    in_site = site_tree_q(site) if site is not None else Q()

    def closed_detail(fiche):
        label = views.closed_label(fiche, on)
        if fiche.is_featured:
            label = gettext("%(label)s, encore à la une") % {"label": label}
        return label

    sections = [
        section(
            "closing_soon",
            gettext("Ferment dans les %(days)d jours") % {"days": status.closing_soon_days()},
            attention.closing_soon(on).filter(in_site).order_by("closing_date", "title", "pk"),
            closing_detail(on),
            views.ClosingSoonView,
        ),
        section(
            "closed_recently",
            ngettext("Clôturées aujourd'hui", "Clôturées ces %(days)d derniers jours", days)
            % {"days": days},
            attention.closed_recently(on, days)
            .filter(in_site)
            .order_by(F("closing_date").desc(nulls_last=True), "title", "pk"),
            closed_detail,
        ),
        section(
            "to_verify",
            _("À vérifier auprès de l'opérateur"),
            attention.to_verify(on, site=site).order_by(
                F("verified_on").asc(nulls_first=True), "title", "pk"
            ),
            verification_detail(on),
            views.ToVerifyView,
        ),
        section(
            "incomplete",
            _("Incomplètes"),
            attention.incomplete().filter(in_site).order_by("title", "pk"),
            incomplete_detail,
            views.IncompleteView,
        ),
    ]
    return Digest(on, guide_settings.territory_name, sections)


def digest_recipients(guide_settings=None):
    """The settings' team address, then the active Valideurs and Administrateurs of the
    settings' territory with an e-mail address; each address once (case-insensitive)."""
    guide_settings = guide_settings or attention.attention_settings()
    team = EditorialTeam.objects.filter(site_id=guide_settings.site_id).first()
    reviewers = [team.reviewers_id, team.administrators_id] if team else []
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__in=reviewers)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )
    recipients = []
    for address in [guide_settings.digest_email, *users]:
        if address and address.lower() not in {known.lower() for known in recipients}:
            recipients.append(address)
    return recipients


def send_digest(digest, recipients):
    message = EmailMultiAlternatives(digest.subject, digest.render_text(), to=recipients)
    message.attach_alternative(digest.render_html(), "text/html")
    message.send()
