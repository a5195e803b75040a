class BackupError(Exception):
    """A backup or restore that must stop; the message (in French) says why."""
