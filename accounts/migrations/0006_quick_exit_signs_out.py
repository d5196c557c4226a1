from django.db import migrations, models


class Migration(migrations.Migration):
    """"Leave quickly" signs out: on for members who join from now on; accounts that
    exist already get it off, as it was, and can turn it on in their settings."""

    dependencies = [
        ("accounts", "0005_user_time_zone"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="quick_exit_signs_out",
            field=models.BooleanField(
                default=False, verbose_name="leaving quickly signs me out"
            ),
        ),
        migrations.AlterField(
            model_name="user",
            name="quick_exit_signs_out",
            field=models.BooleanField(
                default=True, verbose_name="leaving quickly signs me out"
            ),
        ),
    ]
