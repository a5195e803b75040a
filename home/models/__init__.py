from .base_page import BasePage
from .content_page import ContentPage
from .home_page import HomePage
from .sitemap_page import SiteMapPage

__all__ = ["BasePage", "ContentPage", "HomePage", "SiteMapPage"]
