"""A permanent link's title is the title the public last saw (``permalinks/signals.py``): links
saved before took every draft's title. Recompute the title of each aid that still has pages: the
French page first, else any other; a live page's row holds its published title; a page
unpublished since holds its last draft's, so the label of its last publication's log entry is
read. An aid never published gets no title, and its code answers 404. Deleted aids keep theirs:
nothing left tells whether they were published."""

from django.conf import settings
from django.db import migrations, models


def published_title(apps, page):
    if page.live:
        return page.title
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.label if entry else ""


def keep_published_titles_only(apps, schema_editor):
    PermanentLink = apps.get_model("permalinks", "PermanentLink")
    AidPage = apps.get_model("guide", "AidPage")
    for link in PermanentLink.objects.iterator():
        pages = list(AidPage.objects.filter(aid_uuid=link.aid_uuid).select_related("locale"))
        if not pages:
            continue
        pages.sort(key=lambda page: page.locale.language_code != settings.LANGUAGE_CODE)
        public = [page for page in pages if page.live or page.first_published_at is not None]
        titles = [title for page in public if (title := published_title(apps, page))]
        title = titles[0][:255] if titles else ""
        if title != link.title:
            PermanentLink.objects.filter(pk=link.pk).update(title=title)


class Migration(migrations.Migration):
    dependencies = [
        ("permalinks", "0001_initial"),
        ("guide", "0015_models_moved_to_their_apps"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="permanentlink",
            name="title",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Affiché quand la fiche n'est plus en ligne. Vide tant qu'elle n'a jamais "
                    "été publiée."
                ),
                max_length=255,
                verbose_name="dernier titre publié",
            ),
        ),
        migrations.RunPython(keep_published_titles_only, migrations.RunPython.noop),
    ]
