"""The starting data moderation needs: training modules in both languages, the crisis
detector's phrase lists, existing review items' subjects, and the seeded helplines
marked for the operator to verify.

The module texts are frozen here (not imported) so this migration means the same thing
whenever it runs; admins edit the modules in Django admin from then on.
"""


from django.db import migrations

MODULES = [
    {
        "slug": "crisis-response",
        "order": 10,
        "requirement": "crisis",
        "pass_mark": 75,
        "validity_days": 365,
        "title_en": "Crisis response and safe messaging",
        "title_ar": "الاستجابة للأزمات والتواصل الآمن",
        "summary_en": "What to do when a member says they are thinking of ending their life.",
        "summary_ar": "ماذا تفعل حين يقول أحد الأعضاء إنه يفكر في إنهاء حياته.",
        "body_en": """\
People come to Sanad to say things they cannot say anywhere else, including that they
are thinking about suicide. How we answer can make it easier or harder for them to
keep talking and to reach help.

## Never silence

Sanad never hides a post only because it speaks of suicidal feelings. The author sees
crisis resources at once, and the post comes to the crisis lane of the queue. Removing
it would tell the person that their pain is not welcome here.

## What you do with a crisis item

- **Claim it promptly.** The target is 15 minutes.
- **Read the whole thread**, not only the post.
- **Send a private check-in**: say you are glad they wrote, that they are not alone,
  and where help is (the helplines in their language and the "Need help now?" page).
  Encourage them to contact someone they trust, or emergency services if they are in
  danger right now.
- **Escalate to staff** with a note when someone seems to be in immediate danger.

## Safe messaging

- Do not describe or discuss methods, and hold posts that do.
- Do not present suicide as a solution or as inevitable, and avoid sensational words.
- Do not promise secrecy you cannot keep.
- Say "died by suicide", not "committed suicide".

Posts that give method details or encourage self-harm are held; tell the author gently
why, and make sure they see where help is.

## Look after yourself

This work is heavy. You can go off duty at any time; the queue shows how many crisis
items you handled today. Talk to another moderator or to staff after a hard one.
""",
        "body_ar": """\
يأتي الناس إلى سند ليقولوا ما لا يستطيعون قوله في أي مكان آخر، ومن ذلك أنهم يفكرون في
الانتحار. وطريقة ردّنا قد تسهّل عليهم مواصلة الحديث وطلب المساعدة، أو تصعّبهما.

## لا إسكات أبداً

لا يُخفي سند أي منشور لمجرد أنه يتحدث عن أفكار انتحارية. يرى الكاتب موارد الأزمات فوراً،
ويصل المنشور إلى مسار الأزمات في قائمة المراجعة. أما حذفه فيقول للشخص إن ألمه غير مرحَّب
به هنا.

## ما تفعله مع عنصر أزمة

- **استلمه سريعاً.** الهدف خمس عشرة دقيقة.
- **اقرأ المحادثة كاملة**، لا المنشور وحده.
- **أرسل رسالة اطمئنان خاصة**: قل إنك سعيد لأنه كتب، وإنه ليس وحده، وأين يجد المساعدة
  (خطوط المساعدة بلغته وصفحة «تحتاج مساعدة الآن؟»). شجّعه على التواصل مع شخص يثق به، أو مع
  خدمات الطوارئ إن كان في خطر الآن.
- **صعّد الأمر إلى فريق العمل** مع ملاحظة حين يبدو أن أحداً في خطر مباشر.

## التواصل الآمن

- لا تصف الوسائل ولا تناقشها، وأوقف المنشورات التي تفعل ذلك.
- لا تقدّم الانتحار حلاً أو أمراً محتوماً، وتجنّب الكلمات المثيرة.
- لا تَعِد بكتمان سرّ لا تستطيع كتمانه.
- قل «توفي انتحاراً» بدل «ارتكب الانتحار».

تُوقَف المنشورات التي تذكر تفاصيل الوسائل أو تشجّع على إيذاء النفس؛ أخبر الكاتب بلطف
بالسبب، وتأكد أنه يرى أين يجد المساعدة.

## اعتنِ بنفسك

هذا العمل ثقيل. يمكنك إنهاء مناوبتك متى شئت، وتعرض القائمة عدد عناصر الأزمات التي
تعاملت معها اليوم. تحدّث مع مشرف آخر أو مع فريق العمل بعد عنصر صعب.
""",
        "questions": [
            (
                "A member writes that they have been thinking about ending their life. "
                "What do you do first?",
                "كتب أحد الأعضاء أنه يفكر في إنهاء حياته. ما أول ما تفعله؟",
                [
                    ("Remove the post so that others are not upset.",
                     "أحذف المنشور حتى لا ينزعج الآخرون.", False),
                    ("Claim the item, keep the post visible, and send a private check-in "
                     "with crisis resources.",
                     "أستلم العنصر وأُبقي المنشور ظاهراً وأرسل رسالة اطمئنان خاصة فيها "
                     "موارد الأزمات.", True),
                    ("Ban the member until they feel better.",
                     "أحظر العضو حتى يتحسن حاله.", False),
                    ("Wait until somebody reports it.",
                     "أنتظر حتى يبلّغ عنه أحد.", False),
                ],
            ),
            (
                "Which reply follows safe-messaging practice?",
                "أيّ ردّ يتبع ممارسات التواصل الآمن؟",
                [
                    ("“Suicide is never the answer, think of your family.”",
                     "«الانتحار ليس حلاً أبداً، فكّر في عائلتك.»", False),
                    ("“I am really glad you told us. You do not have to face this alone; "
                     "here is a line you can call right now.”",
                     "«أنا سعيد حقاً لأنك أخبرتنا. لست مضطراً لمواجهة هذا وحدك؛ هذا رقم "
                     "يمكنك الاتصال به الآن.»", True),
                    ("“Everyone feels like this sometimes, it will pass.”",
                     "«كلنا نشعر بهذا أحياناً، وسيمضي.»", False),
                ],
            ),
            (
                "A post describes a method of self-harm in detail. What do you do?",
                "منشور يصف وسيلة لإيذاء النفس بالتفصيل. ماذا تفعل؟",
                [
                    ("Leave it visible: members should be free to speak.",
                     "أتركه ظاهراً: للأعضاء حرية الكلام.", False),
                    ("Hold or remove it, tell the author gently why, and make sure they "
                     "see crisis resources.",
                     "أوقفه أو أحذفه، وأخبر الكاتب بلطف بالسبب، وأتأكد أنه يرى موارد "
                     "الأزمات.", True),
                    ("Quote it in the thread to warn the others.",
                     "أقتبسه في المحادثة لأحذّر الآخرين.", False),
                ],
            ),
            (
                "When do you escalate a crisis item to staff?",
                "متى تصعّد عنصر أزمة إلى فريق العمل؟",
                [
                    ("When someone seems to be in immediate danger.",
                     "حين يبدو أن أحداً في خطر مباشر.", True),
                    ("Never: moderators handle everything themselves.",
                     "أبداً: المشرفون يتولون كل شيء بأنفسهم.", False),
                    ("Only after a day has passed.",
                     "فقط بعد مرور يوم كامل.", False),
                ],
            ),
        ],
    },
    {
        "slug": "de-escalation",
        "order": 20,
        "requirement": "all",
        "pass_mark": 75,
        "validity_days": 365,
        "title_en": "De-escalation and boundaries",
        "title_ar": "تهدئة التوتر ووضع الحدود",
        "summary_en": "Calming conflict, keeping to the rules, and the limits of peer support.",
        "summary_ar": "تهدئة الخلافات، والالتزام بالقواعد، وحدود دعم الأقران.",
        "body_en": """\
Support groups hold people on hard days, and hard days bring sharp words. Your job is
to keep the group safe enough for everyone to keep talking.

## Calm first

- Answer the behaviour, not the person. Stay calm and short.
- Start in private: a warning with the reason often ends it.
- Be consistent: the group's rules are the measure, for every member alike.
- Choose the lightest step that works: a reminder, a warning, a mute for a while;
  a ban is for members who keep causing harm.

## Boundaries

- Peer support is not professional care. Never give medical advice or doses; point to
  a doctor, a pharmacist or a professional facilitator.
- You are a moderator, not a therapist or a rescuer: escalate what is beyond you.
- When you are personally involved in a conflict, leave the item to another moderator.
- Write down why you acted: the member is told, and the audit log keeps it.
""",
        "body_ar": """\
تحتضن مجموعات الدعم الناس في أيامهم الصعبة، والأيام الصعبة تأتي بكلمات حادة. مهمتك أن
تُبقي المجموعة آمنة بما يكفي ليواصل الجميع الحديث.

## الهدوء أولاً

- ردّ على السلوك لا على الشخص. كن هادئاً ومختصراً.
- ابدأ على انفراد: تحذير مع ذكر السبب كثيراً ما يُنهي المشكلة.
- كن متسقاً: قواعد المجموعة هي المقياس، لكل الأعضاء على حد سواء.
- اختر أخف خطوة تنفع: تذكير، ثم تحذير، ثم كتم لفترة؛ أما الحظر فلمن يواصل الأذى.

## الحدود

- دعم الأقران ليس رعاية مهنية. لا تقدّم أبداً نصائح طبية أو جرعات؛ وجّه العضو إلى طبيب
  أو صيدلي أو ميسّر مختص.
- أنت مشرف، لست معالجاً ولا منقذاً: صعّد ما يتجاوزك.
- حين تكون طرفاً في خلاف، اترك العنصر لمشرف آخر.
- اكتب لماذا اتخذت الإجراء: يُبلَّغ العضو بذلك، ويحفظه سجل التدقيق.
""",
        "questions": [
            (
                "Two members are arguing and it is getting personal. What is a good first "
                "step?",
                "عضوان يتجادلان والأمر يصبح شخصياً. ما الخطوة الأولى المناسبة؟",
                [
                    ("Ban them both.", "أحظرهما كليهما.", False),
                    ("A calm reminder of the group's rules, and a private warning if it "
                     "goes on.",
                     "تذكير هادئ بقواعد المجموعة، ثم تحذير خاص إن استمر الأمر.", True),
                    ("Take the side of the member you agree with.",
                     "أقف مع العضو الذي أتفق معه.", False),
                ],
            ),
            (
                "A member asks you what dose of a medicine they should take. You:",
                "يسألك عضو عن الجرعة التي ينبغي أن يتناولها من دواء ما. أنت:",
                [
                    ("Suggest the dose that helped you.", "أقترح الجرعة التي نفعتني.",
                     False),
                    ("Explain kindly that peer support cannot give medical advice, and "
                     "encourage them to ask a doctor or pharmacist.",
                     "أوضح بلطف أن دعم الأقران لا يقدّم نصائح طبية، وأشجعه على سؤال طبيب "
                     "أو صيدلي.", True),
                    ("Remove the post and ban them.", "أحذف المنشور وأحظره.", False),
                ],
            ),
            (
                "You are personally involved in a conflict that was reported. You:",
                "أنت طرف في خلاف أُبلغ عنه. أنت:",
                [
                    ("Decide the item yourself, quickly.", "أبتّ في العنصر بنفسي وبسرعة.",
                     False),
                    ("Leave the item to another moderator.", "أترك العنصر لمشرف آخر.",
                     True),
                    ("Delete the thread.", "أحذف المحادثة.", False),
                ],
            ),
            (
                "Which step fits a first, minor breach of the rules?",
                "أيّ خطوة تناسب مخالفة أولى بسيطة للقواعد؟",
                [
                    ("A ban from the group.", "الحظر من المجموعة.", False),
                    ("A private warning with the reason.", "تحذير خاص مع ذكر السبب.", True),
                    ("Suspending the account.", "إيقاف الحساب.", False),
                ],
            ),
        ],
    },
    {
        "slug": "privacy",
        "order": 30,
        "requirement": "all",
        "pass_mark": 75,
        "validity_days": 365,
        "title_en": "Privacy and confidentiality",
        "title_ar": "الخصوصية والسرية",
        "summary_en": "Anonymity is what lets members speak: how moderators protect it.",
        "summary_ar": "إخفاء الهوية هو ما يتيح للأعضاء الكلام: كيف يحميه المشرفون.",
        "body_en": """\
Members come to Sanad to be heard without being known. Everything a moderator sees is
held in trust.

## What you see, and what you never do

- You see a member's persona in your group, or only an anonymous label, and their
  record in your group. You never see their login, their email or their other personas,
  and you never try to find them out.
- Reporters are never named, to anyone, including the member they reported.
- What is said in a group stays in the group: no screenshots, no retelling elsewhere.
- If you recognise someone from offline life, keep it to yourself and leave items
  about them to another moderator.

## Contact details

Posts that share a phone number, an email address or a social-media handle are held
for the author's safety: such details can be found by people they would not choose.
Tell the author kindly why, and approve only what identifies nobody.

## Revealing an account

Only staff with a dedicated permission can look up the account behind a post, only
with a written reason, and the audit log keeps it. The member is told.
""",
        "body_ar": """\
يأتي الأعضاء إلى سند ليُسمَعوا دون أن يُعرَفوا. وكل ما يراه المشرف أمانة.

## ما تراه، وما لا تفعله أبداً

- ترى الاسم المستعار للعضو في مجموعتك، أو صفة مجهولة فقط، وسجله في مجموعتك. لا ترى اسم
  دخوله ولا بريده ولا أسماءه المستعارة الأخرى، ولا تحاول معرفتها أبداً.
- لا يُذكر اسم المبلِّغ لأي أحد، ولا للعضو الذي أُبلغ عنه.
- ما يُقال في مجموعة يبقى فيها: لا لقطات شاشة، ولا نقل للكلام إلى أي مكان آخر.
- إن تعرّفت على شخص تعرفه في حياتك خارج الموقع، فاحتفظ بذلك لنفسك واترك العناصر المتعلقة
  به لمشرف آخر.

## بيانات التواصل

تُوقَف المنشورات التي تشارك رقم هاتف أو عنوان بريد أو حساباً على مواقع التواصل حفاظاً على
سلامة كاتبها: فقد يصل إلى هذه البيانات من لا يختارهم. أخبر الكاتب بلطف بالسبب، ولا توافق
إلا على ما لا يكشف هوية أحد.

## كشف الحساب

وحدهم أعضاء فريق العمل الحاصلون على صلاحية خاصة يستطيعون معرفة الحساب الذي كتب منشوراً،
وبشرط كتابة السبب، ويحفظ سجل التدقيق ذلك. ويُبلَّغ العضو بالأمر.
""",
        "questions": [
            (
                "A member's post with their phone number was held. What do you do?",
                "أُوقف منشور عضو لأنه يتضمن رقم هاتفه. ماذا تفعل؟",
                [
                    ("Approve it: it is their choice.", "أوافق عليه: هذا اختياره.", False),
                    ("Tell them kindly why contact details are held for their safety, and "
                     "keep the number from being published.",
                     "أخبره بلطف لماذا تُوقَف بيانات التواصل حفاظاً على سلامته، ولا أسمح "
                     "بنشر الرقم.", True),
                    ("Pass the number to the other moderators.",
                     "أرسل الرقم إلى بقية المشرفين.", False),
                ],
            ),
            (
                "A member asks you who reported their post. You:",
                "يسألك عضو عمّن أبلغ عن منشوره. أنت:",
                [
                    ("Tell them, to be transparent.", "أخبره، من باب الشفافية.", False),
                    ("Explain that reporters are never named, to anyone.",
                     "أوضح أن المبلِّغين لا تُذكر أسماؤهم لأي أحد.", True),
                ],
            ),
            (
                "You recognise a member as someone you know offline. You:",
                "تعرّفت على عضو تعرفه في حياتك خارج الموقع. أنت:",
                [
                    ("Tell the other members who it is.", "أخبر بقية الأعضاء من يكون.",
                     False),
                    ("Keep it to yourself and leave items about them to another moderator.",
                     "أحتفظ بذلك لنفسي وأترك العناصر المتعلقة به لمشرف آخر.", True),
                    ("Message them outside Sanad.", "أراسله خارج سند.", False),
                ],
            ),
            (
                "Who can see the account behind an anonymous post?",
                "من يستطيع معرفة الحساب الذي كتب منشوراً مجهول الاسم؟",
                [
                    ("Any moderator of the group.", "أي مشرف في المجموعة.", False),
                    ("Only staff with the dedicated permission, with a written reason kept "
                     "in the audit log.",
                     "فقط أعضاء فريق العمل ذوو الصلاحية الخاصة، مع سبب مكتوب يحفظه سجل "
                     "التدقيق.", True),
                ],
            ),
        ],
    },
]


def seed_training(apps, schema_editor):
    Module = apps.get_model("moderation", "TrainingModule")
    Question = apps.get_model("moderation", "TrainingQuestion")
    Choice = apps.get_model("moderation", "TrainingChoice")
    for spec in MODULES:
        if Module.objects.filter(slug=spec["slug"]).exists():
            continue
        fields = {key: value for key, value in spec.items() if key != "questions"}
        module = Module.objects.create(**fields)
        for q_order, (text_en, text_ar, choices) in enumerate(spec["questions"], start=1):
            question = Question.objects.create(
                module=module, text_en=text_en, text_ar=text_ar, order=q_order * 10
            )
            for c_order, (choice_en, choice_ar, correct) in enumerate(choices, start=1):
                Choice.objects.create(
                    question=question,
                    text_en=choice_en,
                    text_ar=choice_ar,
                    is_correct=correct,
                    order=c_order * 10,
                )


def seed_crisis_phrases(apps, schema_editor):
    from moderation import crisis_phrases

    Phrase = apps.get_model("moderation", "CrisisPhrase")
    for kind, lists in (("crisis", crisis_phrases.CRISIS), ("harmful", crisis_phrases.HARMFUL)):
        for language, phrases in lists.items():
            for phrase in phrases:
                Phrase.objects.get_or_create(
                    phrase=phrase, kind=kind, defaults={"language": language}
                )


def backfill_subjects(apps, schema_editor):
    ReviewItem = apps.get_model("moderation", "ReviewItem")
    for item in ReviewItem.objects.filter(subject__isnull=True).select_related("post"):
        if item.post.author_id:
            ReviewItem.objects.filter(pk=item.pk).update(subject_id=item.post.author_id)


def mark_seeded_resources(apps, schema_editor):
    CrisisResource = apps.get_model("moderation", "CrisisResource")
    # The helplines 0002 seeded are examples: the operator confirms each before launch.
    CrisisResource.objects.filter(
        name__in=[
            "Emergency services",
            "خدمات الطوارئ",
            "Find A Helpline",
            "Find A Helpline (دليل خطوط المساعدة)",
            "Embrace Lifeline",
            "خط الحياة - جمعية إمبريس",
            "Samaritans",
            "988 Suicide & Crisis Lifeline",
        ]
    ).update(needs_verification=True)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0004_review_workflow")]

    operations = [
        migrations.RunPython(seed_training, migrations.RunPython.noop),
        migrations.RunPython(seed_crisis_phrases, migrations.RunPython.noop),
        migrations.RunPython(backfill_subjects, migrations.RunPython.noop),
        migrations.RunPython(mark_seeded_resources, migrations.RunPython.noop),
    ]
