"""The core's signal receivers: the page cache (core/page_cache.py) and the request memo
(core/memo.py) are emptied when what they hold may have changed."""

from core import memo, page_cache

page_cache.connect_signals()
memo.connect_signals()
