"""The editorial roles: three groups of the Wagtail admin, created by a data migration."""

EDITORS = "Rédacteurs"
REVIEWERS = "Valideurs"
ADMINISTRATORS = "Administrateurs"
WORKFLOW_NAME = "Relecture"
