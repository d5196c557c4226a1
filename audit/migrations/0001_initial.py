# The audit log moved here from the moderation app. State only: the table
# (moderation_auditentry) and its rows stay exactly where they are, on PostgreSQL
# and SQLite alike.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('groups', '0002_membership_muted_until_membership_sanction_reason'),
        # The table is created by moderation's 0003 on a fresh database.
        ('moderation', '0008_crisis_tiers_on_review_items'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='AuditEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(max_length=60, verbose_name='action')),
                        ('post_id_at_action', models.BigIntegerField(blank=True, null=True)),
                        ('subject_account_id', models.BigIntegerField(blank=True, null=True)),
                        ('reason', models.TextField(blank=True, verbose_name='reason')),
                        ('details', models.JSONField(blank=True, default=dict)),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='groups.supportgroup')),
                    ],
                    options={
                        'verbose_name': 'audit entry',
                        'verbose_name_plural': 'audit log',
                        'ordering': ['-created_at', '-pk'],
                        'db_table': 'moderation_auditentry',
                    },
                ),
            ],
        ),
    ]
