from .content_page import ContentPage
from .home_page import HomePage
from .sitemap_page import SiteMapPage

__all__ = ["ContentPage", "HomePage", "SiteMapPage"]
