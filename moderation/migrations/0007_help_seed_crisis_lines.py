"""Crisis lines and emergency numbers by country, in Arabic and English (issue 11).

Every row is seeded unverified: nobody at Sanad has called these numbers yet, and /help/
says so. They are publicly known numbers (national emergency numbers, and helplines the
services themselves publish); where we were not sure of a country's numbers, none is
seeded and /help/ offers the international fallback instead. An operator checks each
one and records the date in admin ("verified by an operator on").

Entries: (country, kind, order, phone, url, English (name, description, hours),
Arabic (name, description, hours)). Rows the earlier seed made are found by name and
updated, never duplicated.
"""

from django.db import migrations

H, E = "helpline", "emergency"
DAY_AND_NIGHT = ("24 hours", "على مدار الساعة")

ENTRIES = [
    # --- Anywhere --------------------------------------------------------------------
    (
        "", H, 20, "", "https://findahelpline.com/",
        ("Find A Helpline", "A directory of free, confidential helplines: choose your country to find one you can call, text or chat with.", "Depends on the service"),
        ("Find A Helpline (دليل خطوط المساعدة)", "دليل لخطوط مساعدة مجانية وسرية: اختر بلدك لتجد خطاً تتصل به أو تراسله.", "حسب الخدمة"),
    ),
    (
        "", H, 25, "", "https://befrienders.org/",
        ("Befrienders Worldwide", "Emotional support centres around the world, listed by country.", "Depends on the centre"),
        ("Befrienders Worldwide (مراكز الدعم النفسي حول العالم)", "مراكز للدعم النفسي في بلدان كثيرة، مرتبة حسب البلد.", "حسب المركز"),
    ),
    # --- Arab countries --------------------------------------------------------------
    ("DZ", E, 50, "14", "", ("Civil protection (ambulance and fire)", "", DAY_AND_NIGHT[0]), ("الحماية المدنية (إسعاف وإطفاء)", "", DAY_AND_NIGHT[1])),
    ("DZ", E, 51, "17", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("BH", E, 50, "999", "", ("Emergency services", "Police, ambulance and fire.", DAY_AND_NIGHT[0]), ("الطوارئ", "الشرطة والإسعاف والإطفاء.", DAY_AND_NIGHT[1])),
    ("KM", E, 50, "17", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("KM", E, 51, "18", "", ("Fire and rescue", "", DAY_AND_NIGHT[0]), ("الإطفاء والإنقاذ", "", DAY_AND_NIGHT[1])),
    ("DJ", E, 50, "17", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("DJ", E, 51, "18", "", ("Fire and rescue", "", DAY_AND_NIGHT[0]), ("الإطفاء والإنقاذ", "", DAY_AND_NIGHT[1])),
    (
        "EG", H, 10, "08008880700", "",
        ("Mental health hotline", "The General Secretariat of Mental Health and Addiction Treatment's free line.", ""),
        ("الخط الساخن للصحة النفسية", "الخط المجاني للأمانة العامة للصحة النفسية وعلاج الإدمان.", ""),
    ),
    ("EG", E, 50, "123", "", ("Ambulance", "", DAY_AND_NIGHT[0]), ("الإسعاف", "", DAY_AND_NIGHT[1])),
    ("EG", E, 51, "122", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("IQ", E, 50, "122", "", ("Ambulance", "", DAY_AND_NIGHT[0]), ("الإسعاف", "", DAY_AND_NIGHT[1])),
    ("IQ", E, 51, "104", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("JO", E, 50, "911", "", ("Emergency services", "Police, ambulance and civil defence.", DAY_AND_NIGHT[0]), ("الطوارئ", "الشرطة والإسعاف والدفاع المدني.", DAY_AND_NIGHT[1])),
    ("KW", E, 50, "112", "", ("Emergency services", "Police, ambulance and fire.", DAY_AND_NIGHT[0]), ("الطوارئ", "الشرطة والإسعاف والإطفاء.", DAY_AND_NIGHT[1])),
    (
        "LB", H, 30, "1564", "https://embracelebanon.org/",
        ("Embrace Lifeline", "Lebanon's national emotional support and suicide prevention helpline.", ""),
        ("خط الحياة - جمعية إمبريس", "الخط الوطني للدعم النفسي والوقاية من الانتحار في لبنان.", ""),
    ),
    ("LB", E, 50, "140", "", ("Red Cross ambulance", "", DAY_AND_NIGHT[0]), ("إسعاف الصليب الأحمر", "", DAY_AND_NIGHT[1])),
    ("LB", E, 51, "112", "", ("Police (Internal Security Forces)", "", DAY_AND_NIGHT[0]), ("الشرطة (قوى الأمن الداخلي)", "", DAY_AND_NIGHT[1])),
    ("MR", E, 50, "17", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("MR", E, 51, "18", "", ("Fire and rescue", "", DAY_AND_NIGHT[0]), ("الإطفاء والإنقاذ", "", DAY_AND_NIGHT[1])),
    ("MA", E, 50, "15", "", ("Civil protection (ambulance and fire)", "", DAY_AND_NIGHT[0]), ("الوقاية المدنية (إسعاف وإطفاء)", "", DAY_AND_NIGHT[1])),
    ("MA", E, 51, "19", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("OM", E, 50, "9999", "", ("Emergency services", "Royal Oman Police: police, ambulance and fire.", DAY_AND_NIGHT[0]), ("الطوارئ", "شرطة عُمان السلطانية: الشرطة والإسعاف والإطفاء.", DAY_AND_NIGHT[1])),
    ("PS", E, 50, "101", "", ("Ambulance (Palestine Red Crescent)", "", DAY_AND_NIGHT[0]), ("الإسعاف (الهلال الأحمر الفلسطيني)", "", DAY_AND_NIGHT[1])),
    ("PS", E, 51, "100", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("QA", E, 50, "999", "", ("Emergency services", "Police, ambulance and fire.", DAY_AND_NIGHT[0]), ("الطوارئ", "الشرطة والإسعاف والإطفاء.", DAY_AND_NIGHT[1])),
    ("SA", E, 50, "911", "", ("Unified emergency number", "Police, ambulance and civil defence, in most regions.", DAY_AND_NIGHT[0]), ("رقم الطوارئ الموحد", "الشرطة والإسعاف والدفاع المدني، في معظم المناطق.", DAY_AND_NIGHT[1])),
    ("SA", E, 51, "997", "", ("Ambulance (Red Crescent)", "", DAY_AND_NIGHT[0]), ("الإسعاف (الهلال الأحمر)", "", DAY_AND_NIGHT[1])),
    ("SA", E, 52, "999", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("SO", E, 50, "888", "", ("Police emergency line", "Set up in Mogadishu; it may not reach every region.", ""), ("خط طوارئ الشرطة", "أُنشئ في مقديشو، وقد لا يغطي كل المناطق.", "")),
    ("SD", E, 50, "999", "", ("Emergency services", "", DAY_AND_NIGHT[0]), ("الطوارئ", "", DAY_AND_NIGHT[1])),
    ("SY", E, 50, "110", "", ("Ambulance", "", DAY_AND_NIGHT[0]), ("الإسعاف", "", DAY_AND_NIGHT[1])),
    ("SY", E, 51, "112", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("TN", E, 50, "190", "", ("Ambulance (SAMU)", "", DAY_AND_NIGHT[0]), ("الإسعاف (SAMU)", "", DAY_AND_NIGHT[1])),
    ("TN", E, 51, "197", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("AE", E, 50, "998", "", ("Ambulance", "", DAY_AND_NIGHT[0]), ("الإسعاف", "", DAY_AND_NIGHT[1])),
    ("AE", E, 51, "999", "", ("Police", "", DAY_AND_NIGHT[0]), ("الشرطة", "", DAY_AND_NIGHT[1])),
    ("YE", E, 50, "195", "", ("Ambulance (Aden)", "Emergency medical line in and around Aden; it may not reach every region.", ""), ("الإسعاف (عدن)", "خط الإسعاف في عدن وما حولها، وقد لا يغطي كل المناطق.", "")),
    # --- English-speaking countries --------------------------------------------------
    (
        "GB", H, 10, "116 123", "https://www.samaritans.org/",
        ("Samaritans", "Someone to talk to, whatever you are going through. Free from any phone.", DAY_AND_NIGHT[0]),
        ("السامريون (Samaritans)", "شخص يسمعك مهما كان ما تمر به. الاتصال مجاني من أي هاتف، والخدمة بالإنجليزية.", DAY_AND_NIGHT[1]),
    ),
    (
        "GB", H, 20, "111", "https://111.nhs.uk/",
        ("NHS 111", "Urgent help that is not an emergency, including mental health support.", DAY_AND_NIGHT[0]),
        ("NHS 111 (الخدمة الصحية الوطنية)", "مساعدة عاجلة في غير حالات الطوارئ، ومنها الدعم النفسي. الخدمة بالإنجليزية.", DAY_AND_NIGHT[1]),
    ),
    ("GB", E, 50, "999", "", ("Emergency services", "", DAY_AND_NIGHT[0]), ("الطوارئ", "", DAY_AND_NIGHT[1])),
    (
        "IE", H, 10, "116 123", "https://www.samaritans.org/ireland/",
        ("Samaritans", "Someone to talk to, whatever you are going through. Free from any phone.", DAY_AND_NIGHT[0]),
        ("السامريون (Samaritans)", "شخص يسمعك مهما كان ما تمر به. الاتصال مجاني من أي هاتف، والخدمة بالإنجليزية.", DAY_AND_NIGHT[1]),
    ),
    (
        "IE", H, 20, "1800 247 247", "https://www.pieta.ie/",
        ("Pieta", "Support for people thinking about suicide or self-harm.", DAY_AND_NIGHT[0]),
        ("Pieta (بييتا)", "دعم لمن يفكر في الانتحار أو إيذاء نفسه. الخدمة بالإنجليزية.", DAY_AND_NIGHT[1]),
    ),
    ("IE", E, 50, "112", "", ("Emergency services", "", DAY_AND_NIGHT[0]), ("الطوارئ", "", DAY_AND_NIGHT[1])),
    ("IE", E, 51, "999", "", ("Emergency services", "", DAY_AND_NIGHT[0]), ("الطوارئ", "", DAY_AND_NIGHT[1])),
    (
        "US", H, 10, "988", "https://988lifeline.org/",
        ("988 Suicide & Crisis Lifeline", "Call or text 988.", DAY_AND_NIGHT[0]),
        ("خط 988 للأزمات والوقاية من الانتحار", "اتصل أو أرسل رسالة نصية إلى 988. تتوفر الترجمة الفورية بلغات عدة.", DAY_AND_NIGHT[1]),
    ),
    ("US", E, 50, "911", "", ("Emergency services", "", DAY_AND_NIGHT[0]), ("الطوارئ", "", DAY_AND_NIGHT[1])),
    (
        "CA", H, 10, "988", "https://988.ca/",
        ("9-8-8 Suicide Crisis Helpline", "Call or text 988.", DAY_AND_NIGHT[0]),
        ("خط 9-8-8 لأزمات الانتحار", "اتصل أو أرسل رسالة نصية إلى 988.", DAY_AND_NIGHT[1]),
    ),
    (
        "CA", H, 20, "1-800-668-6868", "https://kidshelpphone.ca/",
        ("Kids Help Phone", "For young people, any time.", DAY_AND_NIGHT[0]),
        ("Kids Help Phone (خط مساعدة الصغار والشباب)", "للأطفال والشباب في أي وقت.", DAY_AND_NIGHT[1]),
    ),
    ("CA", E, 50, "911", "", ("Emergency services", "", DAY_AND_NIGHT[0]), ("الطوارئ", "", DAY_AND_NIGHT[1])),
    (
        "AU", H, 10, "13 11 14", "https://www.lifeline.org.au/",
        ("Lifeline", "Crisis support and suicide prevention.", DAY_AND_NIGHT[0]),
        ("Lifeline (لايف لاين)", "دعم في الأزمات ووقاية من الانتحار. الخدمة بالإنجليزية.", DAY_AND_NIGHT[1]),
    ),
    (
        "AU", H, 20, "1300 659 467", "https://www.suicidecallbackservice.org.au/",
        ("Suicide Call Back Service", "Counselling for anyone affected by suicide.", DAY_AND_NIGHT[0]),
        ("Suicide Call Back Service (خدمة معاودة الاتصال)", "استشارة لكل من تأثر بالانتحار. الخدمة بالإنجليزية.", DAY_AND_NIGHT[1]),
    ),
    (
        "AU", H, 30, "1300 22 4636", "https://www.beyondblue.org.au/",
        ("Beyond Blue", "Support for anxiety and depression.", DAY_AND_NIGHT[0]),
        ("Beyond Blue (بيوند بلو)", "دعم في القلق والاكتئاب. الخدمة بالإنجليزية.", DAY_AND_NIGHT[1]),
    ),
    ("AU", E, 50, "000", "", ("Emergency services", "", DAY_AND_NIGHT[0]), ("الطوارئ", "", DAY_AND_NIGHT[1])),
    (
        "NZ", H, 10, "1737", "https://1737.org.nz/",
        ("Need to talk? 1737", "Free call or text 1737 to talk with a trained counsellor.", DAY_AND_NIGHT[0]),
        ("هل تحتاج إلى الكلام؟ 1737", "اتصال أو رسالة مجانية إلى 1737 للحديث مع مستشار مدرَّب.", DAY_AND_NIGHT[1]),
    ),
    (
        "NZ", H, 20, "0800 543 354", "https://www.lifeline.org.nz/",
        ("Lifeline Aotearoa", "Someone to talk to, any time.", DAY_AND_NIGHT[0]),
        ("Lifeline Aotearoa (لايف لاين نيوزيلندا)", "شخص يسمعك في أي وقت. الخدمة بالإنجليزية.", DAY_AND_NIGHT[1]),
    ),
    ("NZ", E, 50, "111", "", ("Emergency services", "", DAY_AND_NIGHT[0]), ("الطوارئ", "", DAY_AND_NIGHT[1])),
]


def seed(apps, schema_editor):
    CrisisResource = apps.get_model("moderation", "CrisisResource")
    for country, kind, order, phone, url, english, arabic in ENTRIES:
        for language, (name, description, hours) in (("en", english), ("ar", arabic)):
            resource = CrisisResource.objects.filter(
                name=name, language=language, country=country, phone=phone
            ).first()
            if resource is None:
                resource = CrisisResource(name=name, language=language, country=country)
            resource.kind = kind
            resource.order = order
            resource.phone = phone
            resource.url = url or resource.url
            resource.hours = hours or resource.hours
            resource.description = description or resource.description
            resource.save()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0006_help_post_attempts_and_crisis_lines")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
