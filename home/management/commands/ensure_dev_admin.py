from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # development only: the command refuses to run unless DEBUG is on


class Command(BaseCommand):
    help = "Development only: create (or reset) the admin/admin superuser and print the admin URL."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, base_url, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a development admin account: DEBUG is off (production?)."
            )
        user, _ = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@localhost"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Site : {base_url}/\n"
                f"  Admin : {base_url}/admin/  (identifiant « {USERNAME} », "
                f"mot de passe « {PASSWORD} » – développement uniquement)\n"
            )
        )
