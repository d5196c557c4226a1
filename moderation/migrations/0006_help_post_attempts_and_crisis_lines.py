"""Help before limits and crisis lines by country (issue 11, branch help).

- A review item may be about words that were never published (kind "attempt"), kept in
  PostAttempt.
- Crisis resources: one phone number each (a link dialled "112 / 911 / 999" as
  112911999), a country code instead of free text, a kind (crisis line or emergency
  services), and when an operator verified each one. Existing rows are converted: every
  seeded row stays unverified; a row an operator had already checked (the old "operator
  must verify" unticked) keeps that as a verification dated today.
"""

import re

import datetime

import django.db.models.deletion
import django.utils.timezone
import moderation.models
from django.conf import settings
from django.db import migrations, models


COUNTRY_CODES = {
    "": "", "international": "", "anywhere": "", "دولي": "", "عالمي": "",
    "algeria": "DZ", "الجزائر": "DZ", "bahrain": "BH", "البحرين": "BH", "comoros": "KM",
    "جزر القمر": "KM", "djibouti": "DJ", "جيبوتي": "DJ", "egypt": "EG", "مصر": "EG",
    "iraq": "IQ", "العراق": "IQ", "jordan": "JO", "الأردن": "JO", "الاردن": "JO",
    "kuwait": "KW", "الكويت": "KW", "lebanon": "LB", "لبنان": "LB", "libya": "LY",
    "ليبيا": "LY", "mauritania": "MR", "موريتانيا": "MR", "morocco": "MA", "المغرب": "MA",
    "oman": "OM", "عمان": "OM", "عُمان": "OM", "palestine": "PS", "فلسطين": "PS",
    "qatar": "QA", "قطر": "QA", "saudi arabia": "SA", "السعودية": "SA", "somalia": "SO",
    "الصومال": "SO", "sudan": "SD", "السودان": "SD", "syria": "SY", "سوريا": "SY",
    "tunisia": "TN", "تونس": "TN", "united arab emirates": "AE", "uae": "AE",
    "الإمارات": "AE", "الامارات": "AE", "yemen": "YE", "اليمن": "YE", "australia": "AU",
    "أستراليا": "AU", "canada": "CA", "كندا": "CA", "ireland": "IE", "أيرلندا": "IE",
    "new zealand": "NZ", "نيوزيلندا": "NZ", "united kingdom": "GB", "uk": "GB",
    "المملكة المتحدة": "GB", "united states": "US", "usa": "US", "الولايات المتحدة": "US",
    "united kingdom and ireland": "GB+IE",
}
INTERNATIONAL_EMERGENCY = {
    "en": {
        "112": ("Emergency number 112", "Reaches emergency services from most mobile phones, and in Europe and many other countries.", 60),
        "911": ("Emergency number 911", "The emergency number in North America and several other countries.", 61),
        "999": ("Emergency number 999", "The emergency number in the UK, Ireland and several Gulf countries.", 62),
    },
    "ar": {
        "112": ("رقم الطوارئ 112", "يصل إلى خدمات الطوارئ من معظم الهواتف المحمولة، وفي أوروبا وبلدان كثيرة أخرى.", 60),
        "911": ("رقم الطوارئ 911", "رقم الطوارئ في أمريكا الشمالية وعدد من البلدان الأخرى.", 61),
        "999": ("رقم الطوارئ 999", "رقم الطوارئ في المملكة المتحدة وأيرلندا وعدد من دول الخليج.", 62),
    },
}
EMERGENCY_NAMES = {"emergency services", "خدمات الطوارئ"}


def _numbers(phone):
    """The numbers one field held: "112 / 911 / 999" is three."""
    parts = [p.strip() for p in re.split(r"/|,|،|;|\bor\b|\bأو\b|\n", phone) if p.strip()]
    numbers = []
    for part in parts:
        cleaned = re.sub(r"[^0-9 +-]", "", part).strip(" -")
        cleaned = cleaned[0] + cleaned[1:].replace("+", "") if cleaned else ""
        if cleaned:
            numbers.append(re.sub(r"\s+", " ", cleaned))
    return numbers


def convert_resources(apps, schema_editor):
    CrisisResource = apps.get_model("moderation", "CrisisResource")
    today = datetime.date.today()
    for resource in list(CrisisResource.objects.all()):
        code = COUNTRY_CODES.get(resource.country.strip().casefold())
        if code is None:
            # Kept in the description rather than lost: an operator places it again.
            resource.description = f"{resource.description}\n({resource.country})".strip()
            code = ""
        codes = code.split("+") if code else [""]
        numbers = _numbers(resource.phone) or [""]
        if numbers != [resource.phone] and resource.phone and len(numbers) == 1:
            resource.description = f"{resource.description}\n({resource.phone})".strip()
        emergency = resource.name.strip().casefold() in EMERGENCY_NAMES
        resource.kind = "emergency" if emergency else "helpline"
        if not resource.needs_verification:
            resource.verified_on = today
            resource.verification_note = "Checked before verification dates were kept."
        rows = []
        for country in codes:
            for number in numbers:
                row = resource
                if rows:
                    row = CrisisResource.objects.get(pk=resource.pk)
                    row.pk = None
                    row.name, row.description, row.kind = (
                        resource.name,
                        resource.description,
                        resource.kind,
                    )
                    row.verified_on = resource.verified_on
                    row.verification_note = resource.verification_note
                row.country_code = country
                row.phone = number
                named = INTERNATIONAL_EMERGENCY.get(resource.language, {}).get(number)
                if emergency and not country and named:
                    row.name, row.description, row.order = named
                rows.append(row)
        for row in rows:
            row.save()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_recompute_persona_name_keys'),
        ('groups', '0004_search_index'),
        ('moderation', '0005_seed_moderation_data'),
        ('posts', '0004_search_reading_preferences'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PostAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('where', models.CharField(choices=[('thread', 'A new conversation'), ('reply', 'A reply'), ('edit', 'An edit of a post')], max_length=10)),
                ('is_anonymous', models.BooleanField(default=False)),
                ('title', models.CharField(blank=True, max_length=200)),
                ('body', models.TextField()),
                ('content_warning', models.CharField(blank=True, max_length=100)),
                ('refusal', models.CharField(max_length=40)),
                ('fingerprint', models.CharField(max_length=64)),
                ('times', models.PositiveIntegerField(default=1)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('last_tried_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'verbose_name': 'refused post with crisis language',
                'verbose_name_plural': 'refused posts with crisis language',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='crisisresource',
            name='kind',
            field=models.CharField(choices=[('helpline', 'Crisis or support line'), ('emergency', 'Emergency services')], default='helpline', max_length=10, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='crisisresource',
            name='verification_note',
            field=models.CharField(blank=True, help_text="For the team: who checked, and how (a call, the service's site).", max_length=200, verbose_name='how it was verified'),
        ),
        migrations.AddField(
            model_name='crisisresource',
            name='verified_on',
            field=models.DateField(blank=True, help_text="The day someone from Sanad's team called the number (or checked the service's own site) and found it right. Empty: not verified yet.", null=True, verbose_name='verified by an operator on'),
        ),
        migrations.AddField(
            model_name='crisisresource',
            name='country_code',
            field=models.CharField(blank=True, default='', max_length=2),
        ),
        migrations.RunPython(convert_resources, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='crisisresource',
            name='needs_verification',
        ),
        migrations.RemoveField(
            model_name='crisisresource',
            name='country',
        ),
        migrations.RenameField(
            model_name='crisisresource',
            old_name='country_code',
            new_name='country',
        ),
        migrations.AlterField(
            model_name='crisisresource',
            name='country',
            field=models.CharField(blank=True, choices=[('Arab countries', [('DZ', 'Algeria'), ('BH', 'Bahrain'), ('KM', 'Comoros'), ('DJ', 'Djibouti'), ('EG', 'Egypt'), ('IQ', 'Iraq'), ('JO', 'Jordan'), ('KW', 'Kuwait'), ('LB', 'Lebanon'), ('LY', 'Libya'), ('MR', 'Mauritania'), ('MA', 'Morocco'), ('OM', 'Oman'), ('PS', 'Palestine'), ('QA', 'Qatar'), ('SA', 'Saudi Arabia'), ('SO', 'Somalia'), ('SD', 'Sudan'), ('SY', 'Syria'), ('TN', 'Tunisia'), ('AE', 'United Arab Emirates'), ('YE', 'Yemen')]), ('English-speaking countries', [('AU', 'Australia'), ('CA', 'Canada'), ('IE', 'Ireland'), ('NZ', 'New Zealand'), ('GB', 'United Kingdom'), ('US', 'United States')])], help_text='Leave empty for a service anyone can reach, wherever they are.', max_length=2, verbose_name='country'),
        ),
        migrations.AlterField(
            model_name='crisisresource',
            name='language',
            field=models.CharField(blank=True, choices=[('ar', 'Arabic'), ('en', 'English')], help_text='The language of the members this entry is written for; leave empty to show it in every language.', max_length=2, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='crisisresource',
            name='phone',
            field=models.CharField(blank=True, help_text='One number, as it is dialled (for example 116 123). Each number gets its own call button: add a separate resource for another number.', max_length=24, validators=[moderation.models.validate_phone_number], verbose_name='phone number'),
        ),
        migrations.AlterField(
            model_name='reviewitem',
            name='kind',
            field=models.CharField(choices=[('post', 'Post'), ('conduct', "A member's conduct"), ('appeal', 'Appeal of a removal'), ('attempt', 'A post that could not be published')], default='post', max_length=10),
        ),
        migrations.AlterField(
            model_name='reviewitem',
            name='post',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='review_items', to='posts.post'),
        ),
        migrations.AddConstraint(
            model_name='crisisresource',
            constraint=models.CheckConstraint(condition=models.Q(('phone', ''), ('phone__regex', '^\\+?[0-9]([0-9 -]{0,20}[0-9])?$'), _connector='OR'), name='crisis_resource_one_phone_number'),
        ),
        migrations.AddConstraint(
            model_name='reviewitem',
            constraint=models.CheckConstraint(condition=models.Q(('kind', 'attempt'), ('post__isnull', False), _connector='OR'), name='review_item_has_a_post_unless_an_attempt'),
        ),
        migrations.AddField(
            model_name='postattempt',
            name='author',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='post_attempts', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='postattempt',
            name='group',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='groups.supportgroup'),
        ),
        migrations.AddField(
            model_name='postattempt',
            name='item',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attempts', to='moderation.reviewitem'),
        ),
        migrations.AddField(
            model_name='postattempt',
            name='persona',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.persona'),
        ),
        migrations.AddField(
            model_name='postattempt',
            name='post',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='posts.post'),
        ),
        migrations.AddField(
            model_name='postattempt',
            name='thread',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='posts.thread'),
        ),
        migrations.AddIndex(
            model_name='postattempt',
            index=models.Index(fields=['author', 'group', 'fingerprint'], name='moderation__author__f0cc5d_idx'),
        ),
        migrations.AddConstraint(
            model_name='postattempt',
            constraint=models.UniqueConstraint(fields=('item', 'fingerprint'), name='one_attempt_row_per_text_per_item'),
        ),
    ]
