"""`python manage.py seed_demo`: demo accounts, groups and conversations for a local Sanad.

Idempotent: everything is keyed on a natural key (usernames, group slugs, thread titles
within a group), so running it again creates nothing new and changes nothing that exists,
including anything an admin has edited since.

All the content below was written for Sanad's demo. It is peer-support writing: no
medical advice and nothing about methods of self-harm.
"""

import re
import textwrap
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import Persona, User
from accounts.services import account_set_up
from groups.models import EntryQuestion, Invite, Membership, SupportGroup, Topic
from groups.services import group_create
from moderation.models import Report
from moderation.services import report_create
from posts.models import Post, Thread
from posts.services import post_create, reaction_set, thread_create

# Published in the README and printed below: the demo is for a laptop, never production.
DEMO_PASSWORD = "sanad-demo-2026"  # noqa: S105
SITE_URL = "http://127.0.0.1:8000"


def _text(block: str) -> str:
    """Source-friendly text: wrapped lines in a paragraph are joined with spaces, blank
    lines separate paragraphs, and a line starting with "- " starts a new list item."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", textwrap.dedent(block).strip()):
        lines: list[str] = []
        for line in (raw.strip() for raw in paragraph.splitlines()):
            if lines and not line.startswith("- "):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


# --- Accounts -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    username: str
    language: str  # the language of the generated persona name
    what: str  # printed in the logins table
    staff: bool = False


USERS = (
    DemoUser("admin", "en", f"site admin: Django admin at {SITE_URL}/admin/", staff=True),
    DemoUser(
        "moderator", "ar", f"moderator of every group: review queue at {SITE_URL}/moderation/"
    ),
    DemoUser("mona", "ar", "member (depression, grief, LGBTQ+, carers)"),
    DemoUser("karim", "ar", "member (depression, LGBTQ+, anxiety, loneliness)"),
    DemoUser("layla", "ar", "member (depression, LGBTQ+, carers, loneliness)"),
    DemoUser("sara", "en", "member (grief, carers, anxiety, loneliness)"),
    DemoUser("sam", "en", "member (grief, anxiety)"),
    DemoUser("omar", "en", "member (anxiety); wrote the reported reply"),
)


# --- Groups ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoGroup:
    slug: str
    name: str
    language: str
    summary: str
    description: str
    rules: str
    members: tuple[str, ...]
    access: str = SupportGroup.Access.OPEN
    listing: str = SupportGroup.Listing.LISTED
    leadership: str = SupportGroup.Leadership.PEER
    allow_anonymous_posts: bool = True


GROUPS = (
    DemoGroup(
        slug="living-with-depression-ar",
        name="العيش مع الاكتئاب",
        language="ar",
        summary=(
            "مساحة يقودها أقران يعيشون مع الاكتئاب: نتحدث عن الأيام الثقيلة، "
            "ونحتفي معًا بالخطوات الصغيرة."
        ),
        description=_text(
            """
            هذه مجموعة لمن يعيش مع الاكتئاب أو يظن أنه يمرّ به. لسنا أطباء ولا معالجين،
            بل أشخاص يعرفون هذا الثقل من الداخل. هنا تستطيع أن تكتب كما تشعر، دون أن تشرح
            نفسك أو تبرّر تعبك.

            يمكنك النشر باسمك المستعار أو كعضو مجهول. وإن شعرت في أي لحظة أنك لست بأمان،
            فصفحة «تحتاج مساعدة الآن؟» فيها خطوط الدعم المتاحة في بلدك.
            """
        ),
        rules=_text(
            """
            - نستمع قبل أن ننصح، ولا نحكم على مشاعر أحد.
            - ما يُقال في المجموعة يبقى فيها: لا تنقل كلام أحد إلى خارجها.
            - لا نصائح طبية ولا حديث عن الأدوية وجرعاتها؛ شارك تجربتك واترك القرار
              للمختصين.
            - لا أسماء حقيقية ولا تفاصيل تكشف هوية أحد، بما في ذلك أنت.
            - إن قلقت على أحد الأعضاء فاستخدم زر «إبلاغ» ليصل إليه المشرفون بسرعة.
            """
        ),
        members=("mona", "karim", "layla"),
    ),
    DemoGroup(
        slug="grief-and-loss",
        name="Grief and Loss",
        language="en",
        summary=(
            "A professionally facilitated group for anyone living with the loss of someone "
            "they love, whether it happened last week or years ago."
        ),
        description=_text(
            """
            Grief does not follow a timetable, and there is no right way to do it. A
            qualified grief counsellor facilitates this group and checks in regularly, but
            most of the support here comes from members who know loss first-hand.

            Whether you lost a parent, a partner, a child, a friend or a companion animal,
            and whether it was recent or long ago, you are welcome. Share as much or as
            little as you like.
            """
        ),
        rules=_text(
            """
            - Every loss is valid. We don't compare or rank grief.
            - Share your own experience rather than telling others how they should feel or
              how long grief should take.
            - What is shared here stays here.
            - No medical or legal advice. The facilitator can point you to professional
              support.
            - If you are worried about someone's safety, use Report so the moderators can
              reach them quickly.
            """
        ),
        members=("sam", "sara", "mona"),
        leadership=SupportGroup.Leadership.PROFESSIONAL,
    ),
    DemoGroup(
        slug="lgbtq-family-rejection-ar",
        name="مجتمع الميم: حين لا تتقبّلنا العائلة",
        language="ar",
        summary=(
            "مساحة آمنة لأفراد مجتمع الميم الذين يواجهون الرفض أو الضغط من عائلاتهم. "
            "الانضمام بطلب يراجعه المشرفون حمايةً لخصوصية الأعضاء."
        ),
        description=_text(
            """
            كثيرون منا يعيشون بين حبّهم لعائلاتهم وخوفهم منها. هنا نتكلم بصدق عن الرفض
            والضغط والوحدة، وعن الأشياء الصغيرة التي تساعدنا على الاستمرار.

            يجيب كل من يرغب في الانضمام عن أسئلة قصيرة يراجعها المشرفون قبل القبول، حمايةً
            للأعضاء. النشر المجهول متاح دائمًا، ولا يظهر اسمك المستعار خارج المجموعة.
            """
        ),
        rules=_text(
            """
            - نحترم كل الهويات والتجارب، دون تشكيك أو محاولة لتغيير أحد.
            - لا أسماء حقيقية ولا أماكن ولا تفاصيل قد تكشف هويتك أو هوية غيرك.
            - لا لقطات شاشة ولا نقل لأي كلام خارج المجموعة.
            - لا نضغط على أحد ليتخذ قرارًا، كالإفصاح للعائلة أو ترك البيت؛ نشارك تجاربنا
              فقط.
            - إن كنت في خطر مباشر، فصفحة «تحتاج مساعدة الآن؟» أقرب طريق إلى المساعدة.
            """
        ),
        members=("karim", "layla", "mona"),
        access=SupportGroup.Access.REQUEST,
    ),
    DemoGroup(
        slug="family-carers-ar",
        name="رعاية من نحب: مقدّمو الرعاية لأحد أفراد العائلة",
        language="ar",
        summary=(
            "لمن يرعى أبًا أو أمًا أو شريكًا أو طفلًا يعيش مع مرض مزمن. "
            "مجموعة بدعوة فقط، تيسّرها أخصائية اجتماعية."
        ),
        description=_text(
            """
            الرعاية عمل حبّ، لكنها أيضًا تعب لا يراه كثيرون: مواعيد، وليالٍ قصيرة، وقلق،
            وشعور بالذنب كلما فكرنا في أنفسنا. هنا نتكلم بصراحة عن كل ذلك، دون أن نخشى أن
            يُفهم تعبنا على أنه قلة حب.

            المجموعة غير مدرجة في الدليل، والانضمام إليها بدعوة. تيسّرها أخصائية اجتماعية
            تمرّ بانتظام، لكنها لا تقدّم استشارات طبية عن حالة من ترعاه.
            """
        ),
        rules=_text(
            """
            - تعبك مشروع، ولن يحكم عليك أحد هنا إن قلت إنك منهك.
            - لا نصائح طبية عن علاج من ترعاه؛ القرارات العلاجية مكانها عند فريقه الطبي.
            - لا تذكر اسم المريض أو المستشفى أو أي تفاصيل تكشف العائلة.
            - ما يُقال هنا يبقى هنا.
            """
        ),
        members=("mona", "sara", "layla"),
        access=SupportGroup.Access.INVITE,
        listing=SupportGroup.Listing.UNLISTED,
        leadership=SupportGroup.Leadership.PROFESSIONAL,
    ),
    DemoGroup(
        slug="living-with-anxiety",
        name="Living with Anxiety",
        language="en",
        summary=(
            "Peer support for everyday anxiety, panic and worry. Share what's hard, "
            "what helps, and the small wins."
        ),
        description=_text(
            """
            Anxiety can make ordinary things (a phone call, a crowded bus, an unanswered
            message) feel enormous. This group is run by members who live with anxiety
            themselves. We're not here to fix each other: we listen, share what has helped
            us, and remind each other that nobody is alone in this.

            Peer support is not a substitute for professional care. If you're struggling
            to cope, the "Need help now?" link on every page lists helplines and services.
            """
        ),
        rules=_text(
            """
            - Be kind. Assume the person posting is doing their best.
            - Share what has worked for you, not instructions for others.
            - No medical advice, including about medication or doses.
            - Add a content warning before describing a panic attack in detail.
            - Keep what you read here inside the group.
            """
        ),
        members=("sam", "sara", "karim", "omar"),
    ),
    DemoGroup(
        slug="loneliness-and-isolation-ar",
        name="حين نشعر بالوحدة",
        language="ar",
        summary=(
            "لمن يشعر بالوحدة أو العزلة: في مدينة جديدة، أو في الغربة، أو حتى بين أهله. "
            "مكان للحديث والتعارف بأسماء مستعارة."
        ),
        description=_text(
            """
            الوحدة لا تعني دائمًا أن نكون وحدنا؛ قد نشعر بها وسط العائلة أو في العمل أو
            بعد الانتقال إلى بلد جديد. في هذه المجموعة نتحدث عنها دون خجل، ونتبادل ما
            يساعدنا على الشعور بالقرب من الآخرين، خطوة صغيرة في كل مرة.

            يقود المجموعة أعضاء مرّوا بالتجربة نفسها. النشر المجهول متاح لمن يفضّله.
            """
        ),
        rules=_text(
            """
            - مرحبًا بالجميع، وكل شعور بالوحدة يستحق أن يُسمع.
            - لا نتبادل أرقام الهواتف أو الحسابات الشخصية أو أماكن اللقاء؛ نبقى بأسمائنا
              المستعارة حفاظًا على سلامة الجميع.
            - لا إعلانات ولا دعوات إلى خدمات مدفوعة.
            - كن لطيفًا مع من يكتب لأول مرة.
            """
        ),
        members=("layla", "karim", "sara"),
    ),
)


# --- Conversations --------------------------------------------------------------------


@dataclass(frozen=True)
class DemoThread:
    group: str  # slug
    title: str
    author: str
    body: str
    days_ago: float  # when the opening post was written
    replies: tuple[tuple[str, str], ...] = field(default=())  # (author, body)
    content_warning: str = ""  # shown first; readers open the post on purpose


THREADS = (
    # العيش مع الاكتئاب
    DemoThread(
        group="living-with-depression-ar",
        title="الصباحات هي الأصعب عليّ",
        author="mona",
        days_ago=4,
        body=_text(
            """
            لا أعرف إن كان أحد يشعر بهذا، لكن أصعب لحظة في يومي هي أول ما أفتح عينيّ.
            أبقى في السرير أحيانًا ساعة كاملة أحاول أن أقنع نفسي بالنهوض، وكل شيء يبدو
            أثقل من حجمه: غسل الوجه، تحضير الشاي، الرد على رسالة.

            في المساء أتحسّن قليلًا، وهذا يجعلني أشعر بالذنب لأنني «ضيّعت» النهار. كيف
            تتعاملون مع الصباحات؟
            """
        ),
        replies=(
            (
                "karim",
                _text(
                    """
                    لستِ وحدك أبدًا، عندي الشيء نفسه تقريبًا. ما ساعدني قليلًا أنني توقفت
                    عن مطالبة نفسي بصباح «منتج»، وصرت أكتفي بخطوة واحدة: أن أجلس على طرف
                    السرير وأشرب كوب ماء. إذا حصل هذا فقد بدأ اليوم، وكل ما بعده إضافة.
                    """
                ),
            ),
            (
                "layla",
                _text(
                    """
                    الشعور بالذنب على النهار «الضائع» أعرفه جيدًا. صرت أقول لنفسي إن النهار
                    لم يضِع، بل كنت أحمل شيئًا ثقيلًا لم يره أحد. أرسل لكِ كل الدعم.
                    """
                ),
            ),
            (
                "mona",
                "شكرًا لكما، فكرة الخطوة الواحدة لطيفة جدًا. سأجرّب كوب الماء غدًا وأخبركم.",
            ),
        ),
    ),
    DemoThread(
        group="living-with-depression-ar",
        title="كيف تشرحون لأهلكم أنكم لستم «كسالى»؟",
        author="karim",
        days_ago=2.5,
        body=_text(
            """
            أعيش مع أهلي، وكلما قضيت يومًا في غرفتي أسمع أنني كسول أو أنني «أدلّل نفسي».
            أعرف أنهم يحبونني ويخافون عليّ، لكن الكلام يجرح، ولا أجد الكلمات لأشرح لهم ما
            يحدث في داخلي.

            هل جرّب أحدكم طريقة نجحت، ولو قليلًا؟
            """
        ),
        replies=(
            (
                "mona",
                _text(
                    """
                    جرّبت مرة أن أكتب لأمي رسالة بدل أن أتكلم، لأنني أتلعثم حين أكون متعبة.
                    لم تفهم كل شيء، لكنها توقفت عن كلمة «كسولة». وساعدني تشبيه بسيط: قلت
                    لها إنه مثل أن أمشي وعلى ظهري حقيبة ثقيلة لا يراها غيري.
                    """
                ),
            ),
            (
                "layla",
                _text(
                    """
                    ما ساعدني أن أختار وقتًا هادئًا، لا وقت الخلاف، وأن أطلب شيئًا واحدًا
                    محددًا بدل أن أشرح كل شيء، مثل: «حين أكون في غرفتي لا أحتاج إلى لوم،
                    أحتاج أن تسألوني إن كنت أريد شيئًا». وإن كنت تتابع مع مختص، فقد يخفف
                    عنك أن يشرح لهم هو أيضًا، فلا تحمل عبء الشرح وحدك.
                    """
                ),
            ),
        ),
    ),
    DemoThread(
        group="living-with-depression-ar",
        title="هل من أحد هنا الليلة؟",
        author="layla",
        days_ago=0.4,
        body=_text(
            """
            لا شيء محدد، فقط الليلة طويلة والبيت هادئ أكثر من اللازم. أحببت أن أكتب هنا
            بدل أن أبقى مع أفكاري وحدي. إن كان أحدكم مستيقظًا، كيف كان يومكم؟
            """
        ),
    ),
    # Grief and Loss
    DemoThread(
        group="grief-and-loss",
        title="First birthday without my dad",
        author="sam",
        days_ago=5,
        body=_text(
            """
            My dad's birthday is on Saturday. It will be the first one since he died in the
            spring. Every year we went to the same little fish restaurant by the harbour,
            just the two of us, and he always ordered far too much and made me take the
            leftovers home.

            I don't know whether to go there on my own, do something completely different,
            or stay in and let the day pass. Part of me feels I owe it to him to mark it.
            Part of me can't face it. Has anyone found a way through days like this?
            """
        ),
        replies=(
            (
                "sara",
                _text(
                    """
                    I'm so sorry. First birthdays are hard in a way that is difficult to
                    explain to anyone who hasn't been through one. For my mum's, I didn't do
                    anything big: I bought the flowers she liked and wrote her a letter about
                    everything that had happened that year. It felt silly for about a minute
                    and then it felt right.

                    There's no wrong choice here, and you don't owe anyone a particular kind
                    of day, including yourself.
                    """
                ),
            ),
            (
                "mona",
                _text(
                    """
                    The leftovers made me smile. He sounds like someone who loved feeding the
                    people he loved. Whatever you decide, maybe tell one person that Saturday
                    is a hard day for you, so you're not carrying it entirely alone. I'll be
                    thinking of you.
                    """
                ),
            ),
            (
                "sam",
                _text(
                    """
                    Thank you both. I think I'll go to the restaurant, take a friend with me,
                    and order far too much in his honour.
                    """
                ),
            ),
        ),
    ),
    DemoThread(
        group="grief-and-loss",
        title="People have stopped asking how I am",
        author="sara",
        days_ago=3,
        body=_text(
            """
            It's been eight months since my mum died. In the first weeks everyone checked
            in, brought food, sent messages. Now nobody mentions her. I understand that life
            goes on for them, but for me it still feels very close, and the silence makes it
            feel as if she's being forgotten.

            Does anyone else feel lonelier now than at the beginning?
            """
        ),
        replies=(
            (
                "sam",
                _text(
                    """
                    Yes, completely. Around six months I felt I was supposed to be "done",
                    so I started pretending I was. It helped a little when I told one close
                    friend plainly: "I'd really like it if you asked about my dad sometimes."
                    It turned out she'd been afraid of upsetting me by bringing him up.
                    """
                ),
            ),
            (
                "moderator",
                _text(
                    """
                    Thank you for putting this into words. What you describe is very common:
                    support often fades just as the loss starts to feel most real. You're
                    welcome to talk about your mum here any time. If you'd like to, tell us
                    something about her.
                    """
                ),
            ),
        ),
    ),
    DemoThread(
        group="grief-and-loss",
        title="Her room is exactly as she left it",
        author="mona",
        days_ago=1.5,
        content_warning="mentions death and loss",
        body=_text(
            """
            My grandmother lived with us for twenty years. Since she passed in the winter,
            her room has stayed exactly as it was: her scarf on the chair, her radio on the
            shelf. My aunt keeps offering to help sort her things and I keep saying "next
            month".

            I'm not ready, but I also feel stuck. How did you know when it was time? Or did
            you decide to keep some things just as they were?
            """
        ),
    ),
    # مجتمع الميم: حين لا تتقبّلنا العائلة
    DemoThread(
        group="lgbtq-family-rejection-ar",
        title="أعيش حياتين في بيت واحد",
        author="karim",
        days_ago=6,
        body=_text(
            """
            في البيت أنا الابن الذي يتوقعونه، وفي داخلي شخص آخر لا يعرفه أحد منهم. التعب
            ليس من السرّ نفسه بقدر ما هو من الحراسة الدائمة: كل كلمة، كل نبرة، كل سؤال عن
            الزواج على مائدة الغداء.

            لا أبحث عن حلّ سحري، فقط أحتاج أن أعرف أن غيري يفهم هذا الإرهاق.
            """
        ),
        replies=(
            (
                "layla",
                _text(
                    """
                    أفهمه تمامًا. الحراسة الدائمة تستنزف أكثر مما يظن أحد. ما يخفف عني
                    قليلًا أن يكون لي مكان واحد، ولو صغيرًا، لا أحرس فيه شيئًا، وهذه
                    المجموعة صارت أحد هذه الأماكن. أنت مفهوم هنا كما أنت.
                    """
                ),
            ),
            (
                "mona",
                "أرسل لك دعمي. أسئلة الزواج على الغداء وحدها تستحق وسامًا في الصبر. لست وحدك.",
            ),
        ),
    ),
    DemoThread(
        group="lgbtq-family-rejection-ar",
        title="أمي عرفت، ولم تكلّمني منذ أسبوعين",
        author="layla",
        days_ago=2,
        body=_text(
            """
            رأت أمي رسالة على هاتفي، ومنذ أسبوعين لا تكلّمني إلا للضرورة. لم تصرخ ولم
            تطردني، لكن الصمت أصعب عليّ من أي صراخ. أحاول أن أبدو بخير في العمل وأمام
            إخوتي، ثم أنهار حين أعود إلى غرفتي.

            هل مرّ أحد بفترة صمت كهذه؟ هل تغيّر شيء بعدها؟
            """
        ),
        replies=(
            (
                "karim",
                _text(
                    """
                    مررت بشيء قريب مع أبي، واستمر الصمت أشهرًا وكان ثقيلًا جدًا. لا أستطيع
                    أن أعدك بشيء، لكنه عندي تغيّر ببطء: بدأ يسألني عن عملي، ثم عن صحتي.
                    ما ساعدني في تلك الفترة أن يبقى لي شخص واحد آمن أكلّمه كل يوم، حتى لا
                    يصبح صمت البيت عالمي كله. ونحن هنا إن أردتِ أن تكتبي كل يوم.
                    """
                ),
            ),
        ),
    ),
    # رعاية من نحب (by invitation, unlisted)
    DemoThread(
        group="family-carers-ar",
        title="أشعر بالذنب كلما خرجت من البيت",
        author="mona",
        days_ago=3.5,
        body=_text(
            """
            أرعى أبي منذ ثلاث سنوات، منذ أن اشتدّ عليه المرض. تأتي أختي يوم الجمعة لتبقى
            معه بضع ساعات، ومن المفترض أن أرتاح فيها. لكنني أقضي الوقت كله أفكر فيه وأنظر
            إلى الهاتف، وأعود أبكر مما خططت، ثم ألوم نفسي لأنني لم أرتح.

            كيف تسمحون لأنفسكم بالراحة فعلًا؟
            """
        ),
        replies=(
            (
                "layla",
                _text(
                    """
                    أفهمك، كنت أعود مسرعة أنا أيضًا. ما ساعدني أنني اتفقت مع أخي أن يرسل
                    لي رسالة واحدة في منتصف الوقت يطمئنني فيها، فصرت أترك الهاتف جانبًا
                    حتى تصل. الراحة مهارة نتعلّمها ببطء، ولا بأس أن تكون ناقصة في البداية.
                    """
                ),
            ),
            (
                "sara",
                _text(
                    """
                    لا أظن أن الذنب يعني أنك تفعلين شيئًا خطأ؛ يعني فقط أنك تحبينه كثيرًا.
                    لكنك تستحقين تلك الساعات أيضًا. أبوك بين يدي أختك، وهي تحبه كذلك.
                    """
                ),
            ),
            (
                "moderator",
                _text(
                    """
                    شكرًا على هذه المشاركة الصادقة. ما تصفينه شائع جدًا بين مقدّمي الرعاية.
                    إن أحببتم، نخصص نقاش الأسبوع القادم للراحة وحدودها، ونشارك فيه بعض
                    الموارد المتاحة لدعم مقدّمي الرعاية أنفسهم.
                    """
                ),
            ),
        ),
    ),
    DemoThread(
        group="family-carers-ar",
        title="مواعيد المستشفى وعملي",
        author="sara",
        days_ago=1,
        body=_text(
            """
            أرعى زوجي منذ تشخيصه قبل عامين، ومواعيده تتضارب كثيرًا مع عملي. مديري متفهّم
            حتى الآن، لكنني أشعر أنني أستنفد رصيد تفهّمه شيئًا فشيئًا.

            هل تحدّث أحدكم مع جهة عمله بصراحة عن الرعاية؟ كيف كانت التجربة؟
            """
        ),
    ),
    # Living with Anxiety
    DemoThread(
        group="living-with-anxiety",
        title="Phone calls make my heart race",
        author="sam",
        days_ago=4.5,
        body=_text(
            """
            I've needed to rebook an appointment for two weeks now and I still haven't made
            the call. I write out what I'm going to say, pick up the phone, and put it down
            again. It's such a small thing, and I feel ridiculous that it takes over my
            whole day.

            Does anyone else get this with phone calls? What helps you actually press the
            button?
            """
        ),
        replies=(
            (
                "sara",
                _text(
                    """
                    Not ridiculous at all; it's one of the things people mention most here.
                    What helps me is making the call at a set time, straight after something
                    routine like my morning coffee, so there's less time to build it up. And
                    I remind myself that the person answering takes hundreds of calls and
                    won't remember mine by lunchtime.
                    """
                ),
            ),
            (
                "karim",
                _text(
                    """
                    Same here. I keep a script too, but only the first sentence, in big
                    letters. Once that's out, the rest usually follows. Good luck, and tell
                    us when it's done!
                    """
                ),
            ),
            ("sam", "Done! It took three attempts, but it's booked. Thank you both."),
        ),
    ),
    DemoThread(
        group="living-with-anxiety",
        title="Small win: I went to my cousin's wedding",
        author="karim",
        days_ago=2,
        body=_text(
            """
            Crowds are hard for me, and I almost cancelled three times. I went, stayed for
            two hours, stepped outside when it got too loud, and came back in. Two months ago
            I wouldn't have gone at all.

            Just wanted to share it with people who'd understand why this is a big deal.
            """
        ),
        replies=(
            (
                "sara",
                _text(
                    """
                    This IS a big deal! Stepping outside and coming back in is a skill, not a
                    failure. So glad you went.
                    """
                ),
            ),
            (
                # The reply the demo report points at: dismissive, the kind of thing a
                # moderator should see quickly.
                "omar",
                _text(
                    """
                    Not to be harsh, but sitting through a wedding isn't an achievement.
                    Everyone else manages it. Posting "small wins" like this just keeps you
                    fragile. Stop looking for praise and get on with it.
                    """
                ),
            ),
            (
                "sam",
                _text(
                    """
                    Two hours, when you nearly cancelled three times, is brave. Thanks for
                    sharing it: it gives the rest of us hope.
                    """
                ),
            ),
        ),
    ),
    DemoThread(
        group="living-with-anxiety",
        title="Does anyone else rehearse conversations for hours?",
        author="sara",
        days_ago=0.8,
        body=_text(
            """
            Before almost any conversation, even a small one, I play it out in my head over
            and over. Afterwards I replay it again, looking for everything I said wrong.
            It's exhausting.

            I'd love to hear whether anyone has found a way to quiet that loop a little.
            """
        ),
    ),
    # حين نشعر بالوحدة
    DemoThread(
        group="loneliness-and-isolation-ar",
        title="انتقلت إلى مدينة جديدة ولا أعرف أحدًا",
        author="sara",
        days_ago=5.5,
        body=_text(
            """
            انتقلت قبل أربعة أشهر إلى مدينة جديدة من أجل العمل. في النهار أكون مشغولة وكل
            شيء يبدو طبيعيًا، لكن عطلة نهاية الأسبوع طويلة جدًا، وأجد نفسي أتجول في
            المراكز التجارية فقط لأكون بين الناس.

            كيف بنيتم علاقات جديدة بعد الانتقال؟ أشعر أنني نسيت كيف أتعرّف على الناس.
            """
        ),
        replies=(
            (
                "karim",
                _text(
                    """
                    مررت بهذا حين سافرت للدراسة. أكثر ما ساعدني نشاط أسبوعي ثابت، ناد صغير
                    للقراءة في مكتبة الحي. في المرات الثلاث الأولى لم أتكلم تقريبًا، لكن
                    الوجوه صارت مألوفة، ومن الألفة جاءت الصداقة. لا تستعجلي نفسك.
                    """
                ),
            ),
            (
                "layla",
                _text(
                    """
                    لم تنسي كيف تتعرّفين على الناس، فقط المدينة ما زالت غريبة عليك. ومرحبًا
                    بك هنا: صار عندك على الأقل مكان تقضين فيه جزءًا من عطلة الأسبوع معنا.
                    """
                ),
            ),
        ),
    ),
    DemoThread(
        group="loneliness-and-isolation-ar",
        title="وحيد بين عائلتي",
        author="karim",
        days_ago=1.2,
        body=_text(
            """
            أعيش في بيت مليء بالناس، ومع ذلك أشعر بوحدة شديدة. نتكلم كل يوم عن الطعام
            والفواتير والأخبار، ولا أحد يسأل كيف أنا فعلًا. هل يبدو هذا غريبًا؟
            """
        ),
        replies=(
            (
                "layla",
                _text(
                    """
                    ليس غريبًا أبدًا. أحيانًا تكون الوحدة بين الناس أقسى، لأننا ننتظر منهم
                    القرب. شكرًا لأنك كتبت هذا؛ أظن أن كثيرين هنا سيجدون أنفسهم في كلماتك.
                    """
                ),
            ),
        ),
    ),
)


# --- Topics, entry questions and invites (groups you find, ask to join or are invited to)

TOPICS = (
    # slug, English, Arabic
    ("depression", "Depression", "الاكتئاب"),
    ("grief", "Grief and loss", "الحزن والفقد"),
    ("lgbtq", "LGBTQ+ and family", "مجتمع الميم والعائلة"),
    ("carers", "Carers", "مقدمو الرعاية"),
    ("anxiety", "Anxiety", "القلق"),
    ("loneliness", "Loneliness", "الوحدة"),
)
GROUP_TOPICS = {
    "living-with-depression-ar": ("depression",),
    "grief-and-loss": ("grief",),
    "lgbtq-family-rejection-ar": ("lgbtq", "loneliness"),
    "family-carers-ar": ("carers",),
    "living-with-anxiety": ("anxiety",),
    "loneliness-and-isolation-ar": ("loneliness",),
}
# (kind, question, options one per line)
ENTRY_QUESTIONS = {
    "lgbtq-family-rejection-ar": (
        (EntryQuestion.Kind.SHORT, "ما الذي تأمل أن تجده في هذه المجموعة؟", ""),
        (
            EntryQuestion.Kind.CHOICE,
            "هل تعيش حالياً مع عائلتك؟",
            "نعم\nلا\nأفضّل ألا أجيب",
        ),
        (EntryQuestion.Kind.RULES, "قرأت قواعد المجموعة وأوافق عليها", ""),
    ),
}
# Unlisted invite-only groups get one demo link, printed at the end.
INVITE_TOKENS = {"family-carers-ar": "demo-invite-family-carers"}


@dataclass(frozen=True)
class DemoReport:
    group: str
    thread_title: str
    post_author: str
    reporter: str
    reason: str
    note: str


REPORTS = (
    DemoReport(
        group="living-with-anxiety",
        thread_title="Small win: I went to my cousin's wedding",
        post_author="omar",
        reporter="sara",
        reason=Report.Reason.HARASSMENT,
        note=(
            "This reply belittles someone who was sharing a hard-won step. It could make "
            "people afraid to post their progress here."
        ),
    ),
)


class Command(BaseCommand):
    help = (
        "Create demo accounts, support groups, conversations and a report for a local "
        "Sanad. Safe to run again: it never duplicates or changes what exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts share a published password.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "seed_demo creates a superuser with a published password, so it only runs "
                "with DEBUG on. Pass --allow-without-debug if this is really a demo server."
            )
        self.created: dict[str, int] = {
            "accounts": 0,
            "groups": 0,
            "memberships": 0,
            "threads": 0,
            "replies": 0,
            "reports": 0,
        }
        # The per-account rate limits guard against people, not an operator writing the
        # whole demo in one go through the same services.
        unlimited = {scope: "1000000/1" for scope in settings.SANAD_RATE_LIMITS}
        with override_settings(SANAD_RATE_LIMITS=unlimited), transaction.atomic():
            users = {spec.username: self._user(spec) for spec in USERS}
            groups = {spec.slug: self._group(spec, users) for spec in GROUPS}
            for spec in THREADS:
                self._thread(spec, users, groups)
            for spec in REPORTS:
                self._report(spec, users, groups)
            for username in ("moderator", "admin"):
                self._train(users[username])
        self._print_summary()

    # --- steps --------------------------------------------------------------------

    def _user(self, spec: DemoUser) -> User:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            if spec.staff:
                user = User.objects.create_superuser(
                    username=spec.username, email="", password=DEMO_PASSWORD
                )
            else:
                user = User.objects.create_user(username=spec.username, password=DEMO_PASSWORD)
            self.created["accounts"] += 1
        if not user.personas.exists():
            account_set_up(user=user, language=spec.language)
        return user

    @staticmethod
    def _train(user: User) -> None:
        """The demo moderator and admin have passed every training module, so the demo
        queue can be worked at once (a real moderator takes the checks)."""
        from moderation.models import TrainingCompletion, TrainingModule

        now = timezone.now()
        for module in TrainingModule.objects.filter(is_active=True):
            if not TrainingCompletion.objects.filter(
                user=user, module=module, passed=True, expires_at__gt=now
            ).exists():
                TrainingCompletion.objects.create(
                    user=user,
                    module=module,
                    score=100,
                    passed=True,
                    expires_at=now + timedelta(days=module.validity_days),
                )

    def _group(self, spec: DemoGroup, users: dict[str, User]) -> SupportGroup:
        group = SupportGroup.objects.filter(slug=spec.slug).first()
        if group is None:
            # Through the service, as admin does: audited, and indexed for search.
            group = group_create(
                actor=None,
                group=SupportGroup(
                    slug=spec.slug,
                    name=spec.name,
                    summary=spec.summary,
                    description=spec.description,
                    rules=spec.rules,
                    language=spec.language,
                    access=spec.access,
                    listing=spec.listing,
                    leadership=spec.leadership,
                    allow_anonymous_posts=spec.allow_anonymous_posts,
                ),
                topics=self._topics(GROUP_TOPICS.get(spec.slug, ())),
            )
            self._entry_questions(group)
            self._invite(group, users["moderator"])
            self.created["groups"] += 1
        if group.leadership == SupportGroup.Leadership.PROFESSIONAL:
            # The demo moderator leads the professionally led groups, badge and all.
            self._membership(group, users["moderator"], Membership.Role.FACILITATOR, verified=True)
        else:
            self._membership(group, users["moderator"], Membership.Role.MODERATOR)
        for username in spec.members:
            self._membership(group, users[username], Membership.Role.MEMBER)
        return group

    def _membership(
        self, group: SupportGroup, user: User, role: str, verified: bool = False
    ) -> Membership:
        membership, created = Membership.objects.get_or_create(
            group=group,
            user=user,
            defaults={
                "persona": self._persona(user),
                "role": role,
                "state": Membership.State.ACTIVE,
                "is_verified_facilitator": verified,
            },
        )
        self.created["memberships"] += created
        return membership

    @staticmethod
    def _topics(slugs) -> list[Topic]:
        by_slug = {slug: (en, ar) for slug, en, ar in TOPICS}
        return [
            Topic.objects.get_or_create(
                slug=slug, defaults={"name_en": by_slug[slug][0], "name_ar": by_slug[slug][1]}
            )[0]
            for slug in slugs
        ]

    @staticmethod
    def _entry_questions(group: SupportGroup) -> None:
        for position, (kind, prompt, options) in enumerate(ENTRY_QUESTIONS.get(group.slug, ())):
            EntryQuestion.objects.create(
                group=group, kind=kind, prompt=prompt, options=options, position=position
            )

    @staticmethod
    def _invite(group: SupportGroup, moderator: User) -> None:
        token = INVITE_TOKENS.get(group.slug)
        if token:
            Invite.objects.get_or_create(
                token=token,
                defaults={
                    "group": group,
                    "created_by": moderator,
                    "expires_at": timezone.now() + timedelta(days=365),
                    "max_uses": 100,
                    "label": "Demo",
                },
            )

    @staticmethod
    def _persona(user: User) -> Persona:
        persona = user.personas.filter(is_default=True).first()
        return persona or user.personas.order_by("pk").first()

    def _thread(self, spec: DemoThread, users, groups) -> None:
        group = groups[spec.group]
        if Thread.objects.filter(group=group, title=spec.title).exists():
            return
        thread = thread_create(
            author=users[spec.author],
            group=group,
            title=spec.title,
            body=spec.body,
            content_warning=spec.content_warning,
        )
        replies = [
            post_create(author=users[author], thread=thread, body=body)
            for author, body in spec.replies
        ]
        # Those who answered also sent the opening post some support: counts to show.
        opening = thread.posts.get(is_opening=True)
        if opening.state == Post.State.VISIBLE:
            for author in sorted({author for author, _body in spec.replies} - {spec.author}):
                reaction_set(user=users[author], post=opening, kind="support", active=True)
        self.created["threads"] += 1
        self.created["replies"] += len(replies)
        self._backdate(thread, replies, timedelta(days=spec.days_ago))

    @staticmethod
    def _backdate(thread: Thread, replies: list[Post], age: timedelta) -> None:
        """Spread the conversation over the past few days, so the demo reads like a
        living forum rather than one written a second ago."""
        started = timezone.now() - age
        step = min(age / (len(replies) + 1), timedelta(hours=7))
        Post.objects.filter(thread=thread, is_opening=True).update(created_at=started)
        last = started
        for number, reply in enumerate(replies, start=1):
            last = started + step * number
            Post.objects.filter(pk=reply.pk).update(created_at=last)
        Thread.objects.filter(pk=thread.pk).update(created_at=started, last_posted_at=last)

    def _report(self, spec: DemoReport, users, groups) -> None:
        post = (
            Post.objects.filter(
                thread__group=groups[spec.group],
                thread__title=spec.thread_title,
                author=users[spec.post_author],
                is_opening=False,
            )
            .order_by("pk")
            .first()
        )
        reporter = users[spec.reporter]
        if post is None or Report.objects.filter(reporter=reporter, item__post=post).exists():
            return
        report_create(reporter=reporter, post=post, reason=spec.reason, note=spec.note)
        self.created["reports"] += 1

    # --- output -------------------------------------------------------------------

    def _print_summary(self) -> None:
        made = ", ".join(f"{count} {what}" for what, count in self.created.items())
        self.stdout.write(self.style.SUCCESS(f"Sanad demo data is ready (created: {made})."))
        self.stdout.write("")
        self.stdout.write(f"Open {SITE_URL} and sign in with one of these demo logins:")
        self.stdout.write("")
        width = max(len(spec.username) for spec in USERS) + 2
        header = f"  {'username':<{width}}{'password':<{len(DEMO_PASSWORD) + 2}}what it is"
        self.stdout.write(self.style.MIGRATE_HEADING(header))
        for spec in USERS:
            self.stdout.write(f"  {spec.username:<{width}}{DEMO_PASSWORD}  {spec.what}")
        self.stdout.write("")
        for slug, token in INVITE_TOKENS.items():
            self.stdout.write(
                f"Invite link to the unlisted group: {SITE_URL}/groups/{slug}/join/?invite={token}"
            )
        self.stdout.write(
            "Demo only: these passwords are public. Never run seed_demo against real data."
        )
