"""Each alert's mailbox (``Alert.recipient``: lower case, no ``+`` sub-address), which the
subscription limits count, filled in for the alerts already stored; indexes on it and on the
creation date (the hourly cap of confirmation e-mails)."""

from django.db import migrations, models


def recipient_key(email):
    """``alerts.models.recipient_key`` as it was when this migration was written."""
    local, at, domain = email.strip().rpartition("@")
    if not at:
        return email.strip().lower()
    return f"{local.split('+', 1)[0]}@{domain}".lower()


def backfill(apps, schema_editor):
    Alert = apps.get_model("alerts", "Alert")
    alerts = list(Alert.objects.only("pk", "email"))
    for alert in alerts:
        alert.recipient = recipient_key(alert.email)
    Alert.objects.bulk_update(alerts, ["recipient"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("alerts", "0003_alert_default_site")]

    operations = [
        migrations.AddField(
            model_name="alert",
            name="recipient",
            field=models.CharField(
                default="", editable=False, max_length=254, verbose_name="boîte aux lettres"
            ),
        ),
        migrations.AddIndex(
            model_name="alert",
            index=models.Index(fields=["recipient"], name="alerts_aler_recipie_075a3d_idx"),
        ),
        migrations.AddIndex(
            model_name="alert",
            index=models.Index(fields=["created_at"], name="alerts_aler_created_8af5ce_idx"),
        ),
        # Last: PostgreSQL cannot alter a table with trigger events pending in the transaction.
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
