"""Persona names are now compared by a skeleton that also folds look-alike letters."""

from django.db import migrations


def recompute(apps, schema_editor):
    from accounts.names import persona_name_key

    Persona = apps.get_model("accounts", "Persona")
    for persona in Persona.objects.all().only("pk", "name"):
        Persona.objects.filter(pk=persona.pk).update(name_key=persona_name_key(persona.name))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_accountdeletion_alter_user_options_and_more")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
