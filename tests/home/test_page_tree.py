"""Where each page type may live in the tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from guide.models import AidIndexPage, AidPage
from home.models import ContentPage, HomePage, SiteMapPage
from results.models import ResultsPage


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage, {AidIndexPage, ResultsPage, ContentPage, SiteMapPage}
        )

    def test_guide_index_lives_under_a_home_page_and_holds_fiches(self):
        self.assertCanCreateAt(HomePage, AidIndexPage)
        self.assertCanNotCreateAt(ContentPage, AidIndexPage)
        self.assertAllowedSubpageTypes(AidIndexPage, {AidPage})

    def test_fiches_live_only_in_a_guide_index_and_have_no_children(self):
        self.assertCanCreateAt(AidIndexPage, AidPage)
        self.assertCanNotCreateAt(HomePage, AidPage)
        self.assertCanNotCreateAt(ContentPage, AidPage)
        self.assertAllowedParentPageTypes(AidPage, {AidIndexPage})
        self.assertAllowedSubpageTypes(AidPage, set())

    def test_site_map_lives_under_a_home_page(self):
        self.assertAllowedParentPageTypes(SiteMapPage, {HomePage})
        self.assertAllowedSubpageTypes(SiteMapPage, set())

    def test_content_pages_nest_under_home_or_content(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})
