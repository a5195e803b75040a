"""Load the demo guide into the database: site tree, organisations, contacts, fiches.

Idempotent: organisations, contacts and programmes are keyed by name (or e-mail), fiches by a
UUID derived from their slug, pages by slug. A page gets a new revision only when what the demo
says differs from what the page holds, so running the loader twice changes nothing.

The same loader creates the second territory of the instance (``second_territory.py``): its own
site, home page, guide, settings, programme, results and fiches, beside the first.

Then the English version of the home page, the guide index, the site pages and the fiches of the
source documents is made through wagtail-localize (``demo.english``), with the same rule.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from demo import english, fiches, organisations, results, second_territory, site_pages
from demo.snapshots import snapshot
from guide.models import (
    AidContact,
    AidIndexPage,
    AidPage,
    AidType,
    Audience,
    CompanySize,
    Contact,
    EligibilityCase,
    FinancialComponent,
    FundingProgramme,
    GuideSettings,
    Organisation,
    ProgrammeResult,
    ProjectStage,
    Sector,
    Territory,
)
from guide.status import today
from home.models import ContentPage, HomePage, SiteMapPage
from results.models import ResultsPage
from search.indexing import deferred_indexing

# Demo fiches' national ids are stable: uuid5 of this namespace and the fiche's slug.
DEMO_NAMESPACE = uuid.UUID("6f0d3c1e-2b1a-4e55-9a57-6a0c3f1f2d10")
RESULT_FIELDS = (
    "period_start",
    "period_end",
    "companies_supported",
    "jobs_created",
    "jobs_maintained",
    "projects_financed",
    "loans_amount",
    "grants_amount",
    "unsplit_amount",
    "source",
    "source_date",
    "note",
)


def demo_uuid(slug):
    return uuid.uuid5(DEMO_NAMESPACE, slug)


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)

    def record(self, outcome, label):
        getattr(self, outcome).append(label)


def resolve_date(value, on):
    if value is None or isinstance(value, datetime.date):
        return value
    return on + datetime.timedelta(days=value)


class DemoLoader:
    def __init__(self, on=None):
        self.on = on or today()
        self.report = LoadReport()
        self.locale = Locale.get_default()

    # Site tree -----------------------------------------------------------------------------

    def ensure_home(self):
        site = Site.objects.filter(is_default_site=True).first()
        home = (
            HomePage.objects.filter(depth=2, locale=self.locale)
            .exclude(slug=second_territory.HOME["slug"])
            .first()
        )
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(slug="guide-des-aides", **site_pages.HOME, locale=self.locale)
            root.add_child(instance=home)
            home.save_revision().publish()
            self.report.record("created", "home")
        else:
            self.apply(home, site_pages.HOME, label="home")
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Guide des aides",
            )
        elif site.root_page_id != home.pk:
            previous_root = site.root_page.specific
            site.root_page = home
            site.site_name = "Guide des aides"
            site.save()
            # Wagtail's placeholder "Welcome" page is not part of the guide.
            if type(previous_root) is Page and previous_root.depth == 2:
                previous_root.delete()
        return site, home

    def ensure_child(self, parent, model, slug, values):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model(slug=slug, locale=parent.locale, **values)
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.report.record("created", slug)
            return page
        self.apply(page, values, label=slug)
        return page

    def apply(self, page, values, label, relations=None):
        """Set values on an existing page; publish a revision only if something changed."""
        page = page.specific
        before = snapshot(page)
        for name, value in values.items():
            setattr(page, name, value)
        for name, value in (relations or {}).items():
            setattr(page, name, value)
        if snapshot(page) == before and page.live and not page.has_unpublished_changes:
            self.report.record("unchanged", label)
            return page
        page.save_revision().publish()
        self.report.record("updated", label)
        return page

    # Actors --------------------------------------------------------------------------------

    def load_actors(self, site):
        self.organisations = {}
        rows = [*organisations.ORGANISATIONS, *second_territory.ORGANISATIONS]
        for key, name, acronym, siren, website in rows:
            self.organisations[key], _ = Organisation.objects.update_or_create(
                name=name,
                defaults={"acronym": acronym, "siren": siren, "website": website, "site": site},
            )
        self.programmes = {}
        for key, name, kind, funders, start_year, description in organisations.PROGRAMMES:
            programme, _ = FundingProgramme.objects.update_or_create(
                name=name,
                defaults={
                    "kind": kind,
                    "start_year": start_year,
                    "description": description,
                    "site": site,
                },
            )
            programme.funders.set([self.organisations[f] for f in funders])
            self.programmes[key] = programme
        self.contacts = {}
        for key, kind, name, org, role, email, phone in [
            *organisations.CONTACTS,
            *second_territory.CONTACTS,
        ]:
            contact = Contact.objects.filter(email=email).first() or Contact(email=email)
            contact.kind, contact.name, contact.role, contact.phone = kind, name, role, phone
            contact.organisation = self.organisations[org]
            contact.site = site  # the second territory's are moved to its site with it
            contact.full_clean()  # normalises the phone number, as the admin form does
            contact.save()
            self.contacts[key] = contact

    # Fiches --------------------------------------------------------------------------------

    def vocabularies(self):
        return {
            "aid_types": {o.slug: o for o in AidType.objects.all()},
            "audiences": {o.slug: o for o in Audience.objects.all()},
            "company_sizes": {o.slug: o for o in CompanySize.objects.all()},
            "sectors": {o.slug: o for o in Sector.objects.all()},
            "project_stages": {o.slug: o for o in ProjectStage.objects.all()},
            "territories": {t.cog_code: t for t in Territory.objects.all()},
        }

    def fiche_values(self, spec, vocab):
        values = {
            "title": spec["title"],
            "promesse": spec["promesse"],
            "description": spec["description"],
            "eligibility": "\n".join(spec["eligibility"]),
            "how_to_apply": spec.get("how_to_apply", ""),
            # Lists, one item a line (LinesField), as ``eligibility``.
            "covered_expenses": "\n".join(spec.get("covered_expenses", [])),
            "project_examples": "\n".join(spec.get("project_examples", [])),
            "call_checklist": "\n".join(spec.get("call_checklist", [])),
            "operator": self.organisations[spec["operator"]],
            "programme": self.programmes.get(spec.get("programme")),
            "operator_url": spec.get("operator_url", ""),
            "application_url": spec.get("application_url", ""),
            "staff_min": spec.get("staff_min"),
            "staff_max": spec.get("staff_max"),
            "min_years_in_business": spec.get("min_years_in_business"),
            "min_jobs_created": spec.get("min_jobs_created"),
            "opening_date": resolve_date(spec.get("opening_date"), self.on),
            "closing_date": resolve_date(spec.get("closing_date"), self.on),
            "recurrence": spec.get("recurrence", "ponctuelle"),
            "manual_state": spec.get("manual_state", ""),
            "last_verified": resolve_date(spec.get("last_verified"), self.on),
            "is_featured": spec.get("is_featured", False),
        }
        relations = {
            name: [vocab[name][key] for key in spec.get(name, [])]
            for name in (
                "aid_types",
                "audiences",
                "company_sizes",
                "sectors",
                "project_stages",
                "territories",
            )
        }
        relations["funders"] = [self.organisations[key] for key in spec.get("funders", [])]
        # Explicit sort_order: lines in reading order on every database (a list assigned to a
        # cluster relation leaves it empty, and PostgreSQL then returns them in any order).
        relations["financial_components"] = [
            self.component({**item, "sort_order": position}, vocab)
            for position, item in enumerate(spec.get("components", []))
        ]
        relations["eligibility_cases"] = [
            self.eligibility_case(item, position, vocab)
            for position, item in enumerate(spec.get("cases", []))
        ]
        relations["contacts"] = [
            AidContact(
                contact=self.contacts[key], referral_note=self.referral_note, sort_order=position
            )
            for position, key in enumerate(spec["contacts"])
        ]
        return values, relations

    def eligibility_case(self, item, position, vocab):
        """A case: its figures and establishment as given, its vocabularies by key."""
        case = EligibilityCase(
            sort_order=position,
            **{k: v for k, v in item.items() if k not in EligibilityCase.VOCABULARIES},
        )
        for name in EligibilityCase.VOCABULARIES:
            setattr(case, name, [vocab[name][key] for key in item.get(name, [])])
        return case

    def component(self, item, vocab):
        item = dict(item)
        item["aid_type"] = vocab["aid_types"][item["aid_type"]]
        if item.get("territory"):
            item["territory"] = vocab["territories"][item["territory"]]
        for name in ("audience", "sector"):
            if item.get(name):
                item[name] = vocab[f"{name}s"][item[name]]
        for name in ("amount", "rate", "ceiling", "max_share_percent"):
            if item.get(name) is not None:
                item[name] = Decimal(str(item[name])).quantize(Decimal("0.01"))
        return FinancialComponent(**item)

    def load_fiches(self, index, specs=fiches.FICHES):
        vocab = self.vocabularies()
        for spec in specs:
            values, relations = self.fiche_values(spec, vocab)
            aid_uuid = demo_uuid(spec["slug"])
            page = AidPage.objects.filter(aid_uuid=aid_uuid, locale=self.locale).first()
            if page is None:
                page = AidPage(slug=spec["slug"], aid_uuid=aid_uuid, locale=self.locale, **values)
                for name, value in relations.items():
                    setattr(page, name, value)
                index.add_child(instance=page)
                page.save_revision().publish()
                self.report.record("created", spec["slug"])
            else:
                self.apply(page, values, spec["slug"], relations)

    # English -------------------------------------------------------------------------------

    def translate(self, home, index, results_page):
        """The English pages, through wagtail-localize, parents before children. The French
        pages are read again from the database: the sources are what is published."""
        site_page_slugs = [spec["slug"] for spec in site_pages.CONTENT_PAGES]
        site_page_slugs.append(site_pages.SITEMAP["slug"])
        children = {page.slug: page for page in Page.objects.child_of(home).specific()}
        fiches_fr = {
            page.slug: page
            for page in AidPage.objects.child_of(index).filter(slug__in=english.FICHE_SLUGS)
        }
        pages = [
            HomePage.objects.get(pk=home.pk),
            AidIndexPage.objects.get(pk=index.pk),
            ResultsPage.objects.get(pk=results_page.pk),
            *(children[slug] for slug in site_page_slugs),
            *(fiches_fr[slug] for slug in english.FICHE_SLUGS),
        ]
        for outcome, page in english.translate_demo(pages):
            self.report.record(outcome, f"en/{page.slug}")

    # Everything ----------------------------------------------------------------------------

    # Programmes' results -------------------------------------------------------------------

    def load_results(self, programme, rows):
        """Replace the programme's results when they differ from ``rows``."""
        amounts = ("loans_amount", "grants_amount", "unsplit_amount")
        wanted = [
            ProgrammeResult(
                programme=programme,
                **{
                    name: Decimal(str(value)).quantize(Decimal("0.01"))
                    if name in amounts and value is not None
                    else value
                    for name, value in row.items()
                },
            )
            for row in rows
        ]
        current = list(programme.results.order_by("sort_order", "pk"))

        def key(result):
            return [str(getattr(result, name)) for name in RESULT_FIELDS]

        if [key(r) for r in current] == [key(r) for r in wanted]:
            return
        programme.results.all().delete()
        for position, result in enumerate(wanted):
            result.sort_order = position
            result.save()

    def load_results_page(self, home, spec):
        return self.ensure_child(
            home, ResultsPage, spec["slug"], {k: v for k, v in spec.items() if k != "slug"}
        )

    # The second territory ------------------------------------------------------------------

    def ensure_second_site(self, hostname):
        spec = second_territory.HOME
        values = {k: v for k, v in spec.items() if k != "slug"}
        home = HomePage.objects.filter(depth=2, slug=spec["slug"]).first()
        if home is None:
            home = HomePage(slug=spec["slug"], locale=self.locale, **values)
            Page.get_first_root_node().add_child(instance=home)
            home.save_revision().publish()
            self.report.record("created", spec["slug"])
        else:
            home = self.apply(home, values, label=spec["slug"])
        site = Site.objects.filter(root_page=home).first() or Site(root_page=home)
        site.hostname, site.port = hostname, 80
        site.site_name = second_territory.SITE_NAME
        site.is_default_site = False
        site.save()
        return site, home

    def ensure_territories(self):
        """The second territory's département, région and métropole, with their containment."""
        for kind, code, name, parent in second_territory.TERRITORIES:
            territory, _ = Territory.objects.get_or_create(
                kind=kind, code=code, defaults={"name": name, "slug": slugify(name)}
            )
            parent_kind, parent_code = parent.split("-", 1)
            found = Territory.objects.filter(kind=parent_kind, code=parent_code).first()
            if found is not None:
                territory.parents.add(found)

    def load_second_territory(self, hostname):
        self.ensure_territories()
        site, home = self.ensure_second_site(hostname)
        # Its own organisations and contacts, kept up to date by its own team.
        own = [self.organisations[key] for key, *_rest in second_territory.ORGANISATIONS]
        Organisation.objects.filter(pk__in=[o.pk for o in own]).update(site=site)
        emails = [row[5] for row in second_territory.CONTACTS]
        Contact.objects.filter(email__in=emails).update(site=site)
        settings = GuideSettings.for_site(site)
        for name, value in second_territory.SETTINGS.items():
            setattr(settings, name, value)
        settings.business_contact = self.contacts["ddets-13-revitalisation"]
        settings.save()
        self.referral_note = settings.referral_note
        spec = second_territory.PROGRAMME
        programme, _ = FundingProgramme.objects.update_or_create(
            name=spec["name"],
            defaults={
                "slug": spec["slug"],
                "kind": spec["kind"],
                "start_year": spec["start_year"],
                "description": spec["description"],
                "site": site,
            },
        )
        programme.funders.set([self.organisations[key] for key in spec["funders"]])
        programme.territories.set(Territory.objects.filter(kind="DEP", code="13"))
        self.programmes[spec["key"]] = programme
        self.load_results(programme, second_territory.RESULTS)
        index = self.ensure_child(
            home,
            AidIndexPage,
            second_territory.GUIDE_INDEX["slug"],
            {k: v for k, v in second_territory.GUIDE_INDEX.items() if k != "slug"},
        )
        self.load_results_page(home, second_territory.RESULTS_PAGE)
        for page_spec in second_territory.CONTENT_PAGES:
            values = {k: v for k, v in page_spec.items() if k != "slug"}
            self.ensure_child(
                home, ContentPage, page_spec["slug"], {**values, "show_in_menus": True}
            )
        specs = [{**fiche, "programme": spec["key"]} for fiche in second_territory.FICHES]
        self.load_fiches(index, specs)
        return site

    # Everything ----------------------------------------------------------------------------

    @transaction.atomic
    @deferred_indexing()  # each object indexed once, at the end (search/indexing.py)
    def load(self, second_hostname=second_territory.HOSTNAME):
        site, home = self.ensure_home()
        self.load_actors(site)
        settings = GuideSettings.for_site(site)
        settings.business_contact = self.contacts["gosb-entreprises"]
        settings.save()
        self.referral_note = settings.referral_note
        for key, rows in results.RESULTS.items():
            self.load_results(self.programmes[key], rows)
        index = self.ensure_child(
            home,
            AidIndexPage,
            site_pages.GUIDE_INDEX["slug"],
            {k: v for k, v in site_pages.GUIDE_INDEX.items() if k != "slug"},
        )
        results_page = self.load_results_page(home, results.RESULTS_PAGE)
        for spec in site_pages.CONTENT_PAGES:
            values = {k: v for k, v in spec.items() if k != "slug"}
            self.ensure_child(home, ContentPage, spec["slug"], {**values, "show_in_menus": True})
        sitemap = {k: v for k, v in site_pages.SITEMAP.items() if k != "slug"}
        self.ensure_child(
            home, SiteMapPage, site_pages.SITEMAP["slug"], {**sitemap, "show_in_menus": True}
        )
        self.load_fiches(index)
        self.translate(home, index, results_page)
        self.load_second_territory(second_hostname)
        return self.report
