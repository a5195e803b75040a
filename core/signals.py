"""The core's signal receivers: the page cache (core/page_cache.py) and the request memo
(core/memo.py) are emptied when what they hold may have changed; shared caches are purged
when a page's view restriction changes (core/frontend_cache.py)."""

from core import frontend_cache, memo, page_cache, shared_cache

page_cache.connect_signals()
frontend_cache.connect_signals()
memo.connect_signals()
shared_cache.connect_signals()
