"""Admin reports on the fiches that need attention, and the dashboard panel."""
