from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from guide.roles import ADMINISTRATORS, EDITORS, REVIEWERS, role_group

# Development only: the command refuses to run unless DEBUG is on. Username = password:
# set_password() does not run AUTH_PASSWORD_VALIDATORS (12 characters at least), which only
# the admin's forms and createsuperuser's prompt apply.
ACCOUNTS = [
    # username, group (None: superuser), description
    ("admin", None, "superutilisateur"),
    ("redacteur", EDITORS, "rédacteur : écrit et soumet à la relecture"),
    ("valideur", REVIEWERS, "valideur : relit et publie"),
    ("administrateur", ADMINISTRATORS, "administrateur : pages et paramètres du territoire"),
]


class Command(BaseCommand):
    help = (
        "Development only: create (or reset) one account per role (admin/admin, "
        "redacteur/redacteur...) and print the admin URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, base_url, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create development accounts: DEBUG is off (production?)."
            )
        lines = [
            f"\n  Site : {base_url}/",
            f"  Admin : {base_url}/admin/ (développement uniquement)",
        ]
        for username, group_name, description in ACCOUNTS:
            user, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@localhost"}
            )
            user.is_staff = user.is_superuser = group_name is None
            user.set_password(username)
            user.save()
            if group_name:
                user.groups.set([role_group(group_name)])
            lines.append(f"    « {username} » / « {username} » – {description}")
        self.stdout.write(self.style.SUCCESS("\n".join(lines) + "\n"))
