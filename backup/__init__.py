"""Backup and restore of the site's content and media (``backup_site``, ``restore_site``;
docs/backups.md): ``folders`` writes, prunes and restores backup folders, ``database`` and
``media`` copy each part, ``manifest`` describes and checks them."""
