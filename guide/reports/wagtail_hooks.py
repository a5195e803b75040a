"""Admin hooks of the reports (registered from guide/wagtail_hooks.py)."""
