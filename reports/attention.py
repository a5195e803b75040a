"""The fiches, contacts and organisations that need the team's attention: one definition each.

The admin reports, the dashboard panel and the daily digest all read these functions, so they
always show the same rows. Each returns a queryset; the date-dependent ones take ``on`` (default:
today in Europe/Paris, ``guide.status.today()``).

Rules shared by the sets of fiches:

- **Published fiches of the default locale (French) only.** A draft never published is not on
  the site. Translations copy their facts (dates, state, verification date, "à la une") from the
  French page, so counting them would only list each aid twice; where a translation matters (a
  link to the English copy of a closed fiche), it is reported on the French fiche.
- **Each site's settings**: a fiche is due for verification after its own site's
  ``verification_months`` (the default site's for a page outside every site).
- **Verified on**: the day an editor recorded a check with the operator (``last_verified``),
  else the day the fiche was first published (its writer and reviewer checked it then):
  ``verified_on`` and its database twin ``verified_on_expression``. Only a fiche with neither
  (published without Wagtail's ``publish()``) is "jamais vérifiée".
"""

import calendar
import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, ReferenceIndex

from core.sites import all_sites, site_of_page, site_tree_q
from guide import status
from guide.models import (
    AidContact,
    AidPage,
    Contact,
    FinancialComponent,
    FundingProgramme,
    GuideSettings,
    NationalAidType,
    Organisation,
    Territory,
)
from guide.status import ManualState, Status, status_q

RECENTLY_CLOSED_DAYS = 7


def recently_closed_days():
    """How many days a closed fiche stays in the "clôturées récemment" list (setting, 7)."""
    return getattr(settings, "GUIDE_RECENTLY_CLOSED_DAYS", RECENTLY_CLOSED_DAYS)


def attention_settings():
    """The default site's "Paramètres du guide" (unsaved defaults when there is no site)."""
    return GuideSettings.of_default_site() or GuideSettings()


def live_fiches():
    """The live fiches in the default language (translations copy their facts), those under a
    view restriction included: what needs attention is the editors' concern."""
    return AidPage.objects.live().in_default_language()


# Calendar months -----------------------------------------------------------------------------


def add_months(day, months):
    """``day`` plus ``months`` calendar months, kept within the month (31 Aug + 6 = 28 Feb)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return datetime.date(year, month_index + 1, min(day.day, last_day))


def months_before(on, months):
    """The latest date ``d`` such that ``add_months(d, months) <= on``.

    So "verified on ``d``" is due again on ``add_months(d, months)``, and overdue from then on.
    On the last day of a month, every day of the target month is due (28 Feb 2026 covers
    verifications up to 31 Aug 2025).
    """
    due_limit = add_months(on, -months)
    if on.day == calendar.monthrange(on.year, on.month)[1]:
        last_day = calendar.monthrange(due_limit.year, due_limit.month)[1]
        return due_limit.replace(day=last_day)
    return due_limit


# Fiches ---------------------------------------------------------------------------------------


def closing_soon(on=None):
    """Open fiches whose closing date is within ``GUIDE_CLOSING_SOON_DAYS`` (30) days, inclusive.

    Exactly the public status "ferme bientôt": an upcoming fiche is not listed (nobody can
    apply yet), a fiche closing today is (its closing date is the last day to apply).
    """
    on = on or status.today()
    return live_fiches().filter(status_q(Status.CLOSING_SOON, on))


_ONE_DAY = datetime.timedelta(days=1)


def _start_of(day):
    """Midnight at the start of ``day`` in the site's time zone (Europe/Paris)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def closed_recently(on=None, days=None):
    """Fiches that closed during the last ``days`` days (7), today included.

    - By date: a fiche closes the day after its closing date, so closing dates from
      ``on - days`` to ``on - 1`` (with ``days=7`` on 22 November: 15 to 21 November).
    - By hand ("enveloppe épuisée", "suspendu"): the state takes effect when the fiche is
      published, so its last publication falls on or after the change; the fiche is listed when
      that publication is within the same window. Nothing records the day the state itself
      changed: a later republication (a typo fixed) lists it again, a real change is never
      missed. A fiche already closed by date before the window is not listed.
    """
    on = on or status.today()
    days = days or recently_closed_days()
    earliest_closing_date = on - datetime.timedelta(days=days)
    not_closed_before = Q(closing_date__isnull=True) | Q(closing_date__gte=earliest_closing_date)
    by_date = Q(manual_state=ManualState.NORMAL, closing_date__lt=on) & not_closed_before
    by_hand = (
        ~Q(manual_state=ManualState.NORMAL)
        & Q(last_published_at__gte=_start_of(earliest_closing_date + _ONE_DAY))
        & Q(last_published_at__lt=_start_of(on + _ONE_DAY))
        & not_closed_before
    )
    return live_fiches().filter(by_date | by_hand)


def verified_on(fiche):
    """The day ``fiche``'s information counts as checked: ``last_verified`` when an editor
    recorded a check, else the day (in Europe/Paris) it was first published; None with
    neither. ``verified_on_expression`` is its database twin."""
    if fiche.last_verified:
        return fiche.last_verified
    if fiche.first_published_at:
        return timezone.localdate(fiche.first_published_at)
    return None


def verified_on_expression():
    """``verified_on`` in SQL (annotate fiches with it: ``verified_on=...``)."""
    return Coalesce(
        "last_verified",
        TruncDate("first_published_at", tzinfo=timezone.get_current_timezone()),
        output_field=models.DateField(),
    )


def verification_months(site):
    """The verification period of ``site``'s guide, in months (the default site's settings
    for None: a page outside every site)."""
    guide_settings = GuideSettings.of_site(site) if site is not None else None
    return (guide_settings or attention_settings()).verification_months


def fiche_site(fiche):
    """The site whose guide holds ``fiche`` (None outside every site)."""
    return site_of_page(fiche)


def to_verify(on=None, site=None):
    """Fiches not closed whose information was last checked (``verified_on``) their site's
    ``verification_months`` ago or more; with ``site``, that site's fiches only.

    Boundary: with 6 months, a fiche verified on 22 May is due (listed) on 22 November, not on
    21 November. Neither verified nor published (no date at all): always listed. Upcoming
    fiches are listed; closed ones are not (nobody can apply, and checking them would only add
    noise). Each fiche is annotated with ``verified_on``.
    """
    on = on or status.today()
    sites = [site] if site is not None else list(all_sites().values())
    due = Q(verified_on__isnull=True)
    outside_every_site = Q()
    for each in sites:
        limit = months_before(on, verification_months(each))
        due |= site_tree_q(each) & Q(verified_on__lte=limit)
        outside_every_site &= ~site_tree_q(each)
    fiches = live_fiches().exclude(status_q(Status.CLOSED, on))
    if site is None:
        limit = months_before(on, verification_months(None))
        due |= outside_every_site & Q(verified_on__lte=limit)
    else:
        fiches = fiches.filter(site_tree_q(site))
    return fiches.annotate(verified_on=verified_on_expression()).filter(due)


def verification_due(fiche, months):
    """The day ``fiche`` was (or will be) due for verification; ``None`` without a date."""
    day = verified_on(fiche)
    return add_months(day, months) if day else None


# Django's French says « 1 année »; an editor says « 1 an ».
AGE_UNITS = {
    "year": ngettext_lazy("%(num)d an", "%(num)d ans", "num"),
    "month": ngettext_lazy("%(num)d mois", "%(num)d mois", "num"),
    "week": ngettext_lazy("%(num)d semaine", "%(num)d semaines", "num"),
    "day": ngettext_lazy("%(num)d jour", "%(num)d jours", "num"),
    "hour": ngettext_lazy("%(num)d heure", "%(num)d heures", "num"),
    "minute": ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
}


def verification_age(day, on):
    """How long ago ``day`` was, in French and rounded down to its largest unit
    (« il y a 8 mois », « il y a 1 an »); « aujourd'hui » for ``on`` itself."""
    if day >= on:
        return gettext("aujourd'hui")
    duration = timesince(day, on, time_strings=AGE_UNITS, depth=1)
    return gettext("il y a %(duration)s") % {"duration": duration}


class IncompleteReason(models.TextChoices):
    """Why a published fiche is incomplete, each an annotation of ``incomplete()``."""

    LOAN_WITHOUT_CEILING = "pret_sans_plafond", _("Prêt sans plafond")
    NO_TERRITORY = "sans_territoire", _("Aucun territoire couvert")
    NO_CONTACT = "sans_contact", _("Aucun contact")
    UNREACHABLE_CONTACT = "contact_injoignable", _("Contact sans e-mail ni téléphone")
    CONTACT_WITHOUT_CONSENT = "contact_sans_accord", _("Personne nommée sans accord de publication")


def _reason_field(reason):
    return f"reason_{reason.value}"


def _incomplete_conditions():
    """One boolean subquery per reason, for the fiche in the outer query."""
    lines = AidContact.objects.filter(page=OuterRef("pk"))
    return {
        IncompleteReason.LOAN_WITHOUT_CEILING: Exists(
            FinancialComponent.objects.filter(
                page=OuterRef("pk"),
                aid_type__national_type=NationalAidType.PRET,
                ceiling__isnull=True,
            )
        ),
        IncompleteReason.NO_TERRITORY: ~Exists(Territory.objects.filter(aids=OuterRef("pk"))),
        IncompleteReason.NO_CONTACT: ~Exists(lines),
        # A contact with one channel is complete (Contact.clean asks for at least one): a service
        # reachable by e-mail only needs no action, and listing it every day would hide the rest.
        IncompleteReason.UNREACHABLE_CONTACT: Exists(
            lines.filter(contact__email="", contact__phone="")
        ),
        # Contact.needs_consent, in SQL.
        IncompleteReason.CONTACT_WITHOUT_CONSENT: Exists(
            lines.filter(contact__kind=Contact.Kind.PERSON, contact__publication_consent=False)
        ),
    }


def incomplete():
    """Published fiches (open or closed: a closed fiche stays online) missing something.

    Each fiche carries one boolean annotation per reason; ``incomplete_reasons(fiche)`` reads
    them. Filter on one reason with ``.filter(**incomplete_reason_filter(reason))``.
    """
    conditions = _incomplete_conditions()
    annotated = live_fiches().annotate(
        **{_reason_field(reason): condition for reason, condition in conditions.items()}
    )
    any_reason = Q()
    for reason in conditions:
        any_reason |= Q(**{_reason_field(reason): True})
    return annotated.filter(any_reason)


def incomplete_reason_filter(reason):
    return {_reason_field(IncompleteReason(reason)): True}


def incomplete_reasons(fiche):
    """The reasons of a fiche from ``incomplete()``, in the order of ``IncompleteReason``."""
    return [reason for reason in IncompleteReason if getattr(fiche, _reason_field(reason), False)]


def contact_problems(fiches):
    """{fiche pk: {reason: [contacts]}}: the contacts behind the contact reasons of
    ``incomplete()`` (a contact with neither e-mail nor phone, a named person without consent),
    in one query, in the fiche's order, so that a report can link to what must be fixed."""
    reasons = {pk: {} for pk in (fiche.pk for fiche in fiches)}
    lines = (
        AidContact.objects.filter(page_id__in=reasons)
        .filter(
            Q(contact__email="", contact__phone="")
            | Q(contact__kind=Contact.Kind.PERSON, contact__publication_consent=False)
        )
        .select_related("contact__organisation")
        .order_by("page_id", "sort_order", "pk")
    )
    for line in lines:
        contact = line.contact
        found = reasons[line.page_id]
        if not contact.email and not contact.phone:
            found.setdefault(IncompleteReason.UNREACHABLE_CONTACT, []).append(contact)
        if contact.needs_consent:
            found.setdefault(IncompleteReason.CONTACT_WITHOUT_CONSENT, []).append(contact)
    return reasons


def _page_content_type_id():
    return ContentType.objects.get_for_model(Page).pk


def _as_text(field):
    """ReferenceIndex stores object ids as text."""
    return Cast(field, output_field=CharField())


def closed_but_promoted(on=None):
    """Closed fiches still "à la une", or linked from another published page.

    Links come from Wagtail's reference index (rich-text links, page choosers) of published pages
    (their live content), to the fiche or to one of its translations; a fiche linking to itself
    or to its own translation does not count. Each fiche is annotated with ``is_linked``;
    ``referring_pages()`` names the pages.
    """
    on = on or status.today()
    page_type = _page_content_type_id()
    same_aid = Page.objects.filter(translation_key=OuterRef(OuterRef("translation_key"))).values(
        text_pk=_as_text("pk")
    )
    published_pages = Page.objects.live().values(text_pk=_as_text("pk"))
    links = (
        ReferenceIndex.objects.filter(
            to_content_type_id=page_type,
            base_content_type_id=page_type,
            to_object_id__in=same_aid,
            object_id__in=published_pages,
        )
        .exclude(object_id__in=same_aid)
        .values("pk")
    )
    return (
        live_fiches()
        .filter(status_q(Status.CLOSED, on))
        .annotate(is_linked=Exists(links))
        .filter(Q(is_featured=True) | Q(is_linked=True))
    )


def referring_pages(fiches):
    """{fiche pk: [published pages linking to it or to a translation of it]}, in 3 queries."""
    fiches = list(fiches)
    fiche_by_key = {fiche.translation_key: fiche.pk for fiche in fiches}
    fiche_by_page = {
        str(pk): fiche_by_key[key]
        for pk, key in Page.objects.filter(translation_key__in=fiche_by_key).values_list(
            "pk", "translation_key"
        )
    }
    page_type = _page_content_type_id()
    links = set(
        ReferenceIndex.objects.filter(
            to_content_type_id=page_type,
            base_content_type_id=page_type,
            to_object_id__in=fiche_by_page,
        ).values_list("object_id", "to_object_id")
    )
    sources = Page.objects.live().in_bulk({int(source) for source, _target in links})
    found = {fiche.pk: set() for fiche in fiches}
    for source, target in links:
        fiche = fiche_by_page[target]
        page = sources.get(int(source))
        if page is not None and fiche_by_page.get(source) != fiche:
            found[fiche].add(page)
    return {
        pk: sorted(pages, key=lambda page: (page.title, page.pk)) for pk, pages in found.items()
    }


# Shared records -------------------------------------------------------------------------------


def used_contacts():
    """Contacts on a line of any fiche (draft or published, any locale) or in the settings."""
    on_a_fiche = Exists(AidContact.objects.filter(contact=OuterRef("pk")))
    in_settings = Exists(GuideSettings.objects.filter(business_contact=OuterRef("pk")))
    return Contact.objects.filter(on_a_fiche | in_settings)


def unused_contacts():
    """Contacts that no fiche lists and that are not the settings' business contact.

    "Used" reads the fiches as saved: the published version of a live fiche, the draft of one
    never published. A contact added only in a pending draft of a published fiche shows here.
    """
    return Contact.objects.exclude(pk__in=used_contacts().values("pk")).select_related(
        "organisation"
    )


def unused_organisations():
    """Organisations neither operator nor funder of a fiche (any state or locale), nor funder of
    a programme, and none of whose contacts is used."""
    return Organisation.objects.filter(
        ~Exists(AidPage.objects.filter(operator=OuterRef("pk"))),
        ~Exists(AidPage.objects.filter(funders=OuterRef("pk"))),
        ~Exists(FundingProgramme.objects.filter(funders=OuterRef("pk"))),
        ~Exists(used_contacts().filter(organisation=OuterRef("pk"))),
    )
