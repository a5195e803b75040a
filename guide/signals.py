"""What happens when a fiche (or a guide) is saved, published, unpublished or deleted.

The guide's own receivers are here; the other apps' receivers of the same events are listed so
that this file answers "what happens on publish" whole:

- **saved** (a draft, a revision, an import): the search index is updated (Wagtail's own
  receiver; ``search/indexing.py`` defers it during bulk imports); the fiche gets its permanent
  short code on its first save (``permalinks/signals.py``).
- **published or unpublished**: the page cache and every fragment cached for it are emptied
  (``core/page_cache.py``, for every page); shared caches in front of the site purge the
  fiche's own addresses (Wagtail's frontend-cache module) and, here, its guide and home page,
  which list it (``purge_listings``); the English translation is synchronised by
  wagtail-localize when its source is (facts copied, prose kept); e-mail alerts pick the fiche
  up at their next digest (``alerts/sending.py`` reads ``last_published_at``).
- **moved**: the page cache is emptied; Wagtail creates redirects from the old addresses.
- **deleted**: the page cache is emptied; its addresses answer 410 Gone from then on
  (``permalinks/signals.py``).
- **restricted or made public again** (a view restriction on the fiche or above it, the admin's
  « Confidentialité »): the page cache is emptied and shared caches purge the page, the pages
  below it and those listing it (``core/frontend_cache.py``); the lists, feeds and API leave a
  restricted fiche out (``AidPage.objects.published()``).
- **a fiche published**: the contacts, organisations and programme it uses that were never
  published (new ones, drafts until then) are published with it, its reviewer having seen them
  in its preview (``publish_new_actors``; ``guide/models/reviewed.py``).
- **a site created or changed, a guide or a translated home page created**: the site's
  editorial team (its groups, their rights, its review workflow) is created or completed
  (``guide/roles.py``; also after every ``migrate``).
- **the guide's settings, vocabularies, contacts, organisations and programmes saved**: the
  page cache and the request memo are emptied (``shown_on_pages`` below, ``core/memo.py``).

Review comes before any of this: Rédacteurs cannot publish (``guide/roles.py``, the workflow
« Relecture »).
"""

from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished

from core import frontend_cache, memo, page_cache, shared_cache
from core.sites import site_of_page
from guide.models import (
    AidContact,
    AidDocument,
    AidIndexPage,
    AidPage,
    AidType,
    Audience,
    CompanySize,
    Contact,
    FinancialComponent,
    FundingProgramme,
    GuideSettings,
    Organisation,
    ProgrammeResult,
    ProjectStage,
    Sector,
    Territory,
)
from guide.roles import ensure_all_teams, ensure_team, grant_guide


@receiver(post_save, sender=AidIndexPage, dispatch_uid="guide_scope_roles")
def scope_roles_to_new_guide(sender, instance, created, raw=False, **kwargs):
    """A new guide (``AidIndexPage``) gets its site's team rights and review workflow."""
    if created and not raw:
        grant_guide(instance)


@receiver(post_save, sender=Site, dispatch_uid="guide_site_team")
def team_of_site(sender, instance, raw=False, **kwargs):
    """A site gets its team when created, and its rights follow its root page and name."""
    if not raw:
        ensure_team(instance)


@receiver(post_save, dispatch_uid="guide_home_translation_team")
def team_of_translated_home(sender, instance, created, raw=False, **kwargs):
    """A translation of a site's home page (a new page beside the homes, at depth 2) is part of
    that site: its Administrateurs get it."""
    if created and not raw and isinstance(instance, Page) and instance.depth == 2:
        site = site_of_page(instance)
        if site is not None:
            ensure_team(site)


@receiver(post_migrate, dispatch_uid="guide_teams_after_migrate")
def teams_after_migrate(sender, app_config=None, **kwargs):
    """Every site's team completed after ``migrate`` (once, after the guide's migrations;
    not after a partial ``migrate guide 0017``, which leaves the teams' table out)."""
    state = kwargs.get("apps")
    if sender.name != "guide" or state is None:
        return
    try:
        state.get_model("guide", "EditorialTeam")
    except LookupError:
        return
    ensure_all_teams()


@receiver(page_published, sender=AidPage, dispatch_uid="purge-fiche-listings-published")
@receiver(page_unpublished, sender=AidPage, dispatch_uid="purge-fiche-listings-unpublished")
def purge_listings(sender, instance, **kwargs):
    """Shared caches: the guide (listing, feeds, calendar) and the home page list the fiche."""
    frontend_cache.purge_ancestors(sender, instance, **kwargs)


@receiver(page_published, sender=AidPage, dispatch_uid="guide-publish-new-actors")
def publish_new_actors(sender, instance, **kwargs):
    """The records a fiche uses that were never published go live with it (a record published
    once and then unpublished stays as a Valideur left it). The signal does not say who
    published the fiche (only who wrote its revision): the records' publication is logged
    without a user, the fiche's own entry in the history says who."""
    contacts = [line.contact for line in instance.contacts.select_related("contact__organisation")]
    # A contact's organisation too: a contact created in the chooser may name a new one.
    actors = [*contacts, *(contact.organisation for contact in contacts)]
    actors += [instance.operator, instance.programme, *instance.funders.all()]
    for actor in actors:
        if actor is None or actor.live or actor.first_published_at is not None:
            continue
        (actor.latest_revision or actor.save_revision()).publish()


# What public pages show of the guide's other models (a fiche's lines are written when it is
# published; a draft keeps them in its revision).
page_cache.shown_on_pages(
    AidContact,
    AidDocument,
    AidType,
    Audience,
    CompanySize,
    Contact,
    FinancialComponent,
    FundingProgramme,
    Organisation,
    ProgrammeResult,
    ProjectStage,
    Sector,
    Territory,
)
page_cache.shown_on_pages(GuideSettings, site_settings=True)
memo.forget_when_changed(GuideSettings._meta.label)
# The shared settings carry their business contact and its organisation (core/shared_cache.py).
shared_cache.depends_on(GuideSettings._meta.label, Contact._meta.label, Organisation._meta.label)
# The listing's filter options and the territory tree (guide/listing/choices.py,
# guide/models/territory.py) are shared values.
shared_cache.depends_on(
    AidType._meta.label,
    Audience._meta.label,
    Sector._meta.label,
    ProjectStage._meta.label,
    Territory._meta.label,
)
shared_cache.depends_on_relations(Territory.parents.through)
# The fiche page reads its terms from the shared vocabularies (guide/fiche_terms.py), company
# sizes included.
shared_cache.depends_on(CompanySize._meta.label)
# A fiche's related fiches (guide/related.py) are shared values ranked on its relations.
shared_cache.depends_on_relations(
    *(
        AidPage._meta.get_field(relation).remote_field.through
        for relation in ("aid_types", "audiences", "sectors", "project_stages", "territories")
    )
)
