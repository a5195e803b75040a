"""Pages of results: ``page`` (from 1) and ``page_size`` (capped), with absolute links to the
next and previous pages that keep every other parameter of the request."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from ninja.errors import HttpError

DEFAULT_PAGE_SIZE = 20
DEFAULT_PAGE_SIZE_MAX = 100


def page_size_max():
    return getattr(settings, "GUIDE_API_PAGE_SIZE_MAX", DEFAULT_PAGE_SIZE_MAX)


@dataclass
class ResultPage:
    count: int
    items: list
    next: str | None
    previous: str | None


def page_url(request, number, page_size):
    query = request.GET.copy()
    query["page"] = str(number)
    if "page_size" in query:
        query["page_size"] = str(page_size)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(request, results, number, page_size):
    """One page of ``results`` (a queryset, the listing's ``SortedById`` or search results).

    ``number`` and ``page_size`` are integers from 1 (checked by the query schema). A page after
    the last answers 404; the first page of no result is an empty page.
    """
    page_size = min(page_size, page_size_max())
    paginator = Paginator(results, page_size)
    if number > paginator.num_pages:
        raise HttpError(
            404,
            f"La page {number} n'existe pas : il y a {paginator.num_pages} page(s) de "
            f"{page_size} fiche(s).",
        )
    page = paginator.page(number)
    return ResultPage(
        count=paginator.count,
        items=list(page.object_list),
        next=page_url(request, number + 1, page_size) if page.has_next() else None,
        previous=page_url(request, number - 1, page_size) if page.has_previous() else None,
    )
