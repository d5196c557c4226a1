"""The first crisis resources, so /help/ is never empty. Admins keep them current."""

from django.db import migrations

RESOURCES = [
    # (order, language, name, country, phone, url, hours, description)
    (
        10, "en", "Emergency services", "", "112 / 911 / 999", "", "24 hours",
        "If you or someone near you is in immediate danger, call your local emergency "
        "number now.",
    ),
    (
        10, "ar", "خدمات الطوارئ", "", "112 / 911 / 999", "", "على مدار الساعة",
        "إذا كنت أنت أو أحد من حولك في خطر مباشر، اتصل الآن برقم الطوارئ في بلدك.",
    ),
    (
        20, "en", "Find A Helpline", "International", "", "https://findahelpline.com/",
        "Depends on the service",
        "A directory of free, confidential helplines: choose your country to find one "
        "you can call, text or chat with.",
    ),
    (
        20, "ar", "Find A Helpline (دليل خطوط المساعدة)", "دولي", "",
        "https://findahelpline.com/", "حسب الخدمة",
        "دليل لخطوط مساعدة مجانية وسرية: اختر بلدك لتجد خطاً تتصل به أو تراسله.",
    ),
    (
        30, "en", "Embrace Lifeline", "Lebanon", "1564", "https://embracelebanon.org/", "",
        "Lebanon's national emotional support and suicide prevention helpline.",
    ),
    (
        30, "ar", "خط الحياة - جمعية إمبريس", "لبنان", "1564", "https://embracelebanon.org/", "",
        "الخط الوطني للدعم النفسي والوقاية من الانتحار في لبنان.",
    ),
    (
        40, "en", "Samaritans", "United Kingdom and Ireland", "116 123",
        "https://www.samaritans.org/", "24 hours",
        "Someone to talk to, whatever you are going through.",
    ),
    (
        50, "en", "988 Suicide & Crisis Lifeline", "United States", "988",
        "https://988lifeline.org/", "24 hours", "Call or text 988.",
    ),
]


def seed(apps, schema_editor):
    CrisisResource = apps.get_model("moderation", "CrisisResource")
    for order, language, name, country, phone, url, hours, description in RESOURCES:
        CrisisResource.objects.get_or_create(
            name=name,
            language=language,
            defaults={
                "order": order,
                "country": country,
                "phone": phone,
                "url": url,
                "hours": hours,
                "description": description,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
