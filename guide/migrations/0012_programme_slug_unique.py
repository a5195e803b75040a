"""Programme slugs are unique once every programme has one (0011)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("guide", "0011_programme_slugs_and_sites")]

    operations = [
        migrations.AlterField(
            model_name="fundingprogramme",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Par défaut : tiré du nom. Changer l'identifiant change l'adresse publique.",
                max_length=100,
                unique=True,
                verbose_name="identifiant dans l'adresse",
            ),
        ),
    ]
