# AuditEntry now belongs to the audit app (audit/migrations/0001_initial.py). State
# only: no table is dropped or renamed, the rows stay where they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0001_initial'),
        ('moderation', '0008_crisis_tiers_on_review_items'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='AuditEntry')],
        ),
    ]
