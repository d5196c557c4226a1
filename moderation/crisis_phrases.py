"""The crisis detector's starting phrase lists, seeded into CrisisPhrase by a migration.

Admins keep the lists in the database from then on (Django admin, "crisis phrases").
Every phrase is matched after normalisation (moderation.text), so one spelling covers
the forms with and without diacritics, hamza, taa marbuta, tatweel, stretched or
spaced-out letters, capitals and digits for letters; common misspellings are listed.

CRISIS phrases say that someone may be thinking of ending their life or harming
themselves. Safe-messaging practice says: let them talk. The post is published, the
author sees crisis resources at once, and an urgent item reaches moderators.

HARMFUL phrases ask about or describe methods, or push someone towards self-harm. Those
posts are held for a moderator, and the author is told gently why and where help is.
The lists name the subject of such a post, never a method itself.
"""

CRISIS = {
    "en": [
        "kill myself",
        "killing myself",
        "kil myself",
        "want to die",
        "wanna die",
        "wish i was dead",
        "wish i were dead",
        "end my life",
        "ending my life",
        "end it all",
        "take my own life",
        "taking my own life",
        "suicide",
        "suicidal",
        "sucide",
        "suicde",
        "suiside",
        "sewer slide",
        "no reason to live",
        "nothing to live for",
        "better off dead",
        "better off without me",
        "don't want to be alive",
        "dont want to be alive",
        "don't want to live",
        "dont want to live",
        "can't go on",
        "cant go on",
        "hurt myself",
        "hurting myself",
        "harm myself",
        "self harm",
        "cut myself",
        "cutting myself",
        "not be here anymore",
        "won't be here tomorrow",
        "goodbye forever",
        "unalive myself",
    ],
    "ar": [
        "أريد أن أموت",
        "اريد الموت",
        "بدي موت",
        "بدي اموت",
        "ابغى اموت",
        "أبي أموت",
        "نفسي أموت",
        "أتمنى الموت",
        "أتمنى لو أني مت",
        "ليتني مت",
        "ياريتني ميت",
        "انتحر",
        "انتحار",
        "الانتحار",
        "أفكر في الانتحار",
        "أنهي حياتي",
        "إنهاء حياتي",
        "انهي حياتي",
        "أقتل نفسي",
        "اقتل حالي",
        "أؤذي نفسي",
        "أذي نفسي",
        "إيذاء نفسي",
        "أجرح نفسي",
        "جرح نفسي",
        "لا أريد أن أعيش",
        "ما بدي عيش",
        "ما ابي اعيش",
        "لا أريد العيش",
        "لا أستحق الحياة",
        "الحياة لا تستحق",
        "لا فائدة من حياتي",
        "لن أكون هنا غدا",
        "وداعا للأبد",
        "تعبت من الحياة",
        "سئمت الحياة",
    ],
}

HARMFUL = {
    "en": [
        "how to kill myself",
        "how do i kill myself",
        "best way to die",
        "painless way to die",
        "easiest way to die",
        "lethal dose",
        "how many pills",
        "how to end it",
        "suicide method",
        "suicide methods",
        "kill yourself",
        "kys",
        "go die",
        "you should die",
        "do it already",
    ],
    "ar": [
        "كيف أنتحر",
        "طريقة للانتحار",
        "طرق الانتحار",
        "أسهل طريقة للموت",
        "طريقة بدون ألم",
        "جرعة قاتلة",
        "كم حبة",
        "اقتل نفسك",
        "انتحر أحسن لك",
        "روح موت",
        "موت أحسن",
    ],
}
