"""Settings split by environment: base (shared), dev, test, production.

Every value that differs between machines comes from an environment variable read through
django-environ in ``base.py``; the README lists them.
"""
