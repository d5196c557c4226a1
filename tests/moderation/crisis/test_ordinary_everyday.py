"""Everyday posts of a support forum get tier "none": tiredness, sleep, exams, work,
family arguments, worry, loneliness without risk, the idioms of exhaustion
("the insomnia is killing me", "الارق قتلني", "موت تعب"), doctors and medication,
breakups, venting, thanks and check-ins. Written for this test (never training text).
"""

import pytest

from moderation.crisis import detector

ENGLISH = [
    "ugh the insomnia is killing me, third night of staring at the ceiling",
    "I'm dead tired after a double shift, going straight to bed",
    "exams start monday and I haven't opened the stats book. send coffee",
    "my mum and I had a huge row about the dishes again. why is it always the dishes",
    "anyone else get that sunday evening dread before the work week?",
    "feeling a bit lonely since my flatmate moved out, the house is so quiet",
    "saw my GP today, she upped my sertraline to 100mg. fingers crossed",
    "does ibuprofen help with period cramps or should I stick with paracetamol?",
    "we broke up last week. I'm sad but honestly it was the right call",
    "just need to vent: my manager moved the deadline AGAIN",
    "thank you all for the kind replies yesterday, it meant a lot",
    "checking in: slept 7 hours for the first time in ages!",
    "my feet are killing me after walking around the market all day",
    "this heat is killing me, the AC in our building broke",
    "I could murder a pizza right now honestly",
    "i'm so done with this group project, nobody replies in the chat",
    "my anxiety was through the roof before the interview but it went ok",
    "can't sleep, brain won't switch off. any podcasts that help?",
    "tired of being tired tbh. going to try cutting caffeine after 2pm",
    "my little brother keeps stealing my charger, I'm going to lose it",
    "had a panic attack on the bus but breathing exercises helped, I'm home now",
    "therapy session today was rough but useful. we talked about my dad",
    "does anyone know if melatonin is safe to take every night?",
    "my sister is getting married next month and the family drama is unreal",
    "first day back at uni after the break, already exhausted lol",
    "work is drowning me this month, three reports due friday",
    "I miss having friends to go out with on weekends",
    "that exam absolutely destroyed me, pretty sure I failed question 4",
    "I'm dying to know how the season ends, no spoilers please",
    "ran my first 5k today!! legs are dead but I'm so happy",
    "my kid has been up every night teething, we are running on zero sleep",
    "new job starts tomorrow, nervous and excited",
    "how do you all deal with overthinking at night?",
    "had a good cry and a long shower, feeling lighter",
    "my dad and I don't talk much but he called today and it was nice",
    "just wanted to say this forum helps me a lot, thanks everyone",
    "the commute is killing my soul slowly, two hours a day",
    "been feeling low this week, mostly because of the weather I think",
    "got my blood test results back, low vitamin D, that explains a lot",
    "is it normal to feel weird after stopping birth control?",
    "my boss is going to kill me, I forgot the meeting",
    "I'm so stressed about money this month but we'll manage",
    "quick check-in before bed: today was a 6/10, better than yesterday",
    "my roommate plays music till 3am and I'm losing my mind",
    "I nearly died laughing at my nephew's school play",
    "long day. ate, showered, now reading. small wins",
    "my grandmother's surgery went well, she's recovering at home",
    "does anyone else feel drained after family gatherings?",
]

ARABIC = [
    # MSA
    "لم أنم جيدا منذ أسبوع بسبب الأرق، هل من نصيحة؟",
    "الامتحانات النهائية بعد أسبوعين وأشعر بضغط كبير",
    "اختلفت مع أخي حول موضوع الميراث وما زلنا لا نتكلم",
    "زرت الطبيب اليوم ووصف لي دواء للقولون، الحمد لله",
    "أشعر بالوحدة في المدينة الجديدة، لا أعرف أحدا هنا بعد",
    "شكرا لكل من رد على موضوعي أمس، كلامكم ريحني",
    "انفصلت عن خطيبي الشهر الماضي وأحاول أن أركز على نفسي",
    "العمل مرهق جدا هذه الأيام والمدير لا يقدّر شيئا",
    "أنا متعبة جدا بعد يوم طويل في المستشفى، سأنام مبكرا",
    "هل يسبب دواء الاكتئاب زيادة في الوزن؟ سألت الطبيب ولم يوضح",
    "مساء الخير جميعا، كيف كان يومكم؟",
    "قلقي يزداد قبل المقابلات الشخصية، كيف تتعاملون مع ذلك؟",
    "الحر هذا الصيف لا يطاق، الكهرباء تنقطع كل ساعة",
    "أول مرة أكتب هنا، أحببت لطف الناس في هذا المنتدى",
    "ابني لا يريد الذهاب إلى المدرسة ويبكي كل صباح، ما الحل؟",
    "أكاد أموت من الجوع، نسيت الغداء بسبب الاجتماعات",
    "نفسيتي تعبانة شوي بسبب ضغط الدراسة لكن ماشي الحال",
    "جلسة العلاج اليوم كانت جيدة، تكلمنا عن علاقتي بأمي",
    "بدأت أمشي نصف ساعة كل يوم وتحسن نومي كثيرا",
    "هل هناك من جرب تطبيقات التأمل؟ أريد شيئا يساعدني على النوم",
    # Egyptian
    "الأرق قتلني بجد، بقالي تلت ليالي مش بنام",
    "أنا موت تعب النهارده من الشغل، رجليا مش شايلاني",
    "المذاكرة هتموتني، الامتحان بكرة ولسه ما خلصتش",
    "اتخانقت مع ماما عشان السهر وزعلانة منها",
    "الزحمة في المترو النهارده كانت هتجنني",
    "روحت للدكتور وقالي عندي أنيميا، هاخد حديد",
    "حد يعرف دكتور نفسي كويس في مدينة نصر؟",
    "سبت خطيبي وأنا زعلانة بس مرتاحة الحمد لله",
    "المدير بتاعي هيموتني بالشغل الزيادة ده",
    "أنا هموت من الضحك على الفيديو ده",
    "يا جماعة أنا زهقانة ومش لاقية حاجة أعملها",
    "شكرا يا جماعة على كلامكم الحلو، ربنا يخليكم",
    "ابني مش عايز ياكل خالص وأنا قلقانة عليه",
    "مش عارفة أنام من التفكير في الشغل الجديد",
    "الجو حر موت والتكييف بايظ",
    "بقالي كتير مش بخرج مع صحابي، حاسة بوحدة شوية",
    # Levantine
    "الأرق ذابحني، صرلي جمعة ما نمت منيح",
    "ميت من التعب، اليوم كان طويل كتير بالجامعة",
    "الفحص بكرا وأنا مش دارس شي، الله يستر",
    "تخانقت مع أبوي عالسيارة وهلق كل واحد بغرفته",
    "رحت عند الدكتور وعطاني دوا للمعدة",
    "حاسس حالي وحيد شوي من وقت ما سافر رفيقي",
    "الشغل عم يهلكني هالشهر بس بدنا نعيش",
    "تركت صاحبتي من أسبوع، زعلان بس بعرف إنه الأحسن",
    "شكرًا إلكن، كلامكن بيريح القلب",
    "كيفكن اليوم؟ أنا منيح الحمدلله نمت ٨ ساعات",
    "والله رح جن من الجيران، كل يوم حفلة",
    "بموت بالشوكولا بس عم حاول خفف سكر",
    "قلقان من مقابلة الشغل بكرا، ادعولي",
    "إمي عم تضغط علي لأتزوج وأنا بعدني بدي كمل دراسة",
    "البرد قاتلني، ما في مازوت بالبيت",
    "رجعت من المستشفى مع ستي، الحمدلله العملية نجحت",
    # Gulf
    "السهر ذبحني، صار لي أسبوع ما أنام زين",
    "تعبان حيل من الدوام، أبي أنام يومين",
    "الاختبارات قربت وأنا ما ذاكرت شي، الله يعين",
    "تهاوشت مع أخوي على السيارة وأمي زعلانة علينا",
    "رحت المستوصف وعطوني مضاد حيوي للحلق",
    "أحس بملل وطفش، الكل مسافر وأنا بروحي",
    "المدير مطلع روحي بالطلبات، ما يخلص شغله",
    "فصلت مع خطيبتي، الحمدلله على كل حال",
    "مشكورين على الردود الحلوة، ما قصرتوا",
    "شلونكم اليوم؟ أنا أحسن من أمس",
    "الحر يذبح، الحرارة خمسين اليوم",
    "ولدي ما يبي يروح المدرسة، أحد عنده حل؟",
    "أموت في الكبسة حق أمي",
    "قلقان من نتيجة التحليل، إن شاء الله خير",
    "ضغط الشغل مو طبيعي هالفترة بس ماشيين",
    # Iraqi
    "الأرق موتني، من ثلث أيام ما نايم",
    "آني هواية تعبان من الدوام، راح أنام",
    "الامتحانات هسه وآني ما قاري شي",
    "تعاركت ويا أختي على التلفون وماما زعلت",
    "رحت للطبيب وكالي عندي فقر دم",
    "أحس روحي وحيد شوية من طلعت من البيت",
    "الشغل دا يخبلني، كل يوم ساعات زايدة",
    "شكرا إلكم عالكلام الحلو، ربي يحفظكم",
    "شلونكم شباب؟ اليوم كان زين",
    "الحر هسه يموت، الكهرباء طافية",
    "راح أموت من الضحك على أخويه الصغير",
    "انفصلت عن صاحبتي، متضايق بس عادي",
    # Maghrebi
    "الأرق قتلني، ما نعستش البارح كامل",
    "راني عيان بزاف من الخدمة، غادي نرقد",
    "الامتحانات قربو وأنا ما قريت والو",
    "تقلقت مع ماما على الخرجة وبقات غاضبة",
    "مشيت عند الطبيب وعطاني دوا ديال الراس",
    "حاس براسي بوحدي شوية هاد الأيام",
    "الخدمة كتقتلني هاد السيمانة",
    "شكرا ليكم بزاف على الكلام الزوين",
    "كيداير لاباس؟ أنا مزيان الحمد لله",
    "الحر قاتلني اليوم، ما قدرتش نخرج",
    "فارقت مع صاحبي، حزين شوية ولكن مرتاح",
    "متنرفز من الجيران، الصداع كل ليلة",
    "نموت على الكسكس ديال جدتي",
    "عندي ستريس كبير من الباك هاد العام",
]

ARABIZI = [
    "el ar2 2atalni, mesh 3aref anam",
    "ana mayet men el ta3ab el naharda",
    "el emte7an bokra w ana mazakretsh 7aga",
    "et5ane2t m3a mama 3shan el sahar",
    "sho ba3mel? ma bi2dar nam abadan",
    "ana ta3ban ktir mn el shoghl, bdi nam",
    "rou7t 3al doctor w 3tani dawa lal me3de",
    "shukran ya jama3a 3ala el kalam el 7elw",
    "7ases b wa7da shwaya mn sa3et ma safar sa7bi",
    "el shoghl da hayemawetni bas mashi",
    "ana hamoot mn el da7k 3al video",
    "kifkon el yom? ana mni7 el7amdella",
    "3ndi stress kbir mn l bac had l3am",
    "rani 3yan bzaf, ghadi nr9od",
    "ta3ban 7eil mn el dawam",
    "el 7ar yezba7 el yom",
]

PROBES = [(t, "en") for t in ENGLISH] + [(t, "ar") for t in ARABIC + ARABIZI]


def _flagged():
    return [
        (text, verdict.tier, verdict.signals)
        for text, language in PROBES
        for verdict in [detector.assess(text, language=language)]
        if verdict.tier != "none"
    ]


def test_there_are_enough_probes_in_every_form():
    assert len(ENGLISH) >= 40 and len(ARABIC) >= 90 and len(ARABIZI) >= 15
    assert len(set(PROBES)) == len(PROBES) >= 150


def test_everyday_posts_raise_no_tier():
    flagged = _flagged()
    # At most 2% of ordinary posts may be shown the crisis resources by mistake.
    assert len(flagged) <= len(PROBES) * 0.02, flagged


@pytest.mark.parametrize(
    "text",
    [
        "the insomnia is killing me",
        "I'm dead tired",
        "الارق قتلني",
        "موت تعب",
        "ميت من التعب",
        "تعبان حيل",
        "الامتحانات هتموتني",
    ],
)
def test_the_idioms_of_tiredness_are_not_risk(text):
    assert detector.assess(text).tier == "none"
