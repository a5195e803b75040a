"""The results' admin: the dashboard's « Programmes et résultats » panel."""

from wagtail import hooks

from results.dashboard import ProgrammesPanel, can_see_panel


@hooks.register("construct_homepage_panels")
def add_programmes_panel(request, panels):
    if can_see_panel(request.user):
        panels.append(ProgrammesPanel(request))
