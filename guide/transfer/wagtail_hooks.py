"""Admin hooks of the import / export (registered from guide/wagtail_hooks.py)."""
