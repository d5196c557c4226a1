"""Contact details in what a member writes: a phone number, an email address, a social
media handle or profile link.

One check, used by the composer's gentle warning (posts.forms) and by moderation's hold
(moderation.screening), so that a member is warned about exactly what would be held.

Both sides matter. Shared contact details let people find a member outside Sanad, so
they are held for the member's own safety; but a hold silences a post until a moderator
reads it, and for a member in distress that is a post nobody answers. So each kind
needs more than a loose shape:

- an email needs an address: "name@domain.tld"; a spelled-out one ("name at domain dot
  com", "name (at) domain") only when both sides look like an address, never an
  ordinary "at" between words ("I was at home. Mum...");
- a phone number needs enough digits in a phone-like shape: not a time, a price, a
  date, a year, a verse ("2:255"), a range, a percentage, or a number that the words
  around it call an order or a reference;
- a handle needs a platform named beside it ("insta: name", "سنابي name") or a profile
  link; a bare "@name" is someone being addressed, not an account being shared.

Pure functions with bounded patterns, so a 50,000-character post is read in
milliseconds.
"""

import re
import unicodedata

PHONE, EMAIL, HANDLE = "phone", "email", "handle"

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Invisible characters hidden inside a number or an address to slip past the check.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_URL = re.compile(r"(?:https?://|www\.)\S{1,300}", re.IGNORECASE)


def _prepare(text: str) -> str:
    """Lower case, ASCII digits (Arabic-Indic and Persian too), fullwidth forms folded
    (NFKC turns "＠" into "@"), invisible characters gone."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS)
    return _INVISIBLE.sub("", text).casefold()


def _blank(text: str, spans) -> str:
    """The text with these spans turned into spaces: later checks must not read what an
    earlier one already accounted for (the digits of an email address, a link)."""
    pieces, position = [], 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# --- Email ----------------------------------------------------------------------------------

_LOCAL = r"[a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9_])?"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_ADDRESS = re.compile(
    rf"(?<![a-z0-9._%+-]){_LOCAL}@{_LABEL}(?:\.{_LABEL}){{0,4}}\.[a-z]{{2,24}}(?![a-z0-9-])"
)
_BRACKET_AT = r"[(\[{<]\s{0,2}(?:at|ات|آت)\s{0,2}[)\]}>]"
_BRACKET_DOT = r"[(\[{<]\s{0,2}(?:dot|دوت|نقطة)\s{0,2}[)\]}>]"
_AT = (
    rf"(?P<at>\s{{0,3}}@\s{{0,3}}|\s{{0,3}}{_BRACKET_AT}\s{{0,3}}"
    r"|\s{1,3}(?:at|ات|آت)\s{1,3})"
)
_DOT = (
    rf"(?:\s{{0,3}}\.\s{{0,3}}|\s{{0,3}}{_BRACKET_DOT}\s{{0,3}}"
    r"|\s{1,3}(?:dot|دوت|نقطة)\s{1,3})"
)
_SPELLED = re.compile(
    rf"(?<![a-z0-9._%+-])(?P<local>{_LOCAL}){_AT}"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL}){{0,3}})(?P<dot>{_DOT})(?P<tld>[a-z]{{2,6}})"
    r"(?![a-z0-9-])"
)
# Top-level domains people actually give out: a spelled-out address must end in one.
_TLDS = frozenset(
    re.findall(
        r"[a-z]+",
        "com net org info edu gov biz me io co uk us ca au nz ie de fr es it nl be ch se no "
        "dk fi pl pt gr tr ru in pk my id sa ae eg jo lb sy iq kw qa bh om ye ps ma dz tn ly "
        "sd so dj km mr app dev online email xyz",
    )
)
_MAIL_PROVIDERS = (
    r"gmail|googlemail|hotmail|outlook|yahoo|ymail|icloud|live|msn|aol|protonmail|proton|"
    r"gmx|yandex|mail|جيميل|جي ميل|جيمايل|هوتميل|هوت ميل|ياهو|اوتلوك|أوتلوك|ايكلاود|آيكلاود"
)
_MAIL_PROVIDER = re.compile(rf"^(?:ال)?(?:{_MAIL_PROVIDERS})$")
# "sara92 at gmail", "sara.k على الجيميل": a provider named without its domain.
_AT_PROVIDER = re.compile(
    rf"(?<![a-z0-9._%+-])(?P<local>{_LOCAL})\s{{0,3}}(?:@|\s(?:at|on|ات|على|ع)\s)\s{{0,3}}"
    rf"(?:ال)?(?:{_MAIL_PROVIDERS})(?![a-z0-9\u0621-\u064a])"
)
_EMAIL_CUE = re.compile(
    r"(?<![a-z])(?:e-?mail|mail me|inbox)(?![a-z])|"
    r"(?:ا|إ|الا|الإ)يميل|بريدي|البريد|ميلي|جيميلي"
)


def _looks_like_a_local_part(local: str) -> bool:
    """An address's own side: digits, dots, underscores or plus signs, which ordinary
    words ("it", "home", "mum") never carry."""
    return bool(re.search(r"[0-9._+]", local)) and not local.isdigit()


def _spelled_address(match: re.Match) -> bool:
    at = match.group("at")
    whole = match.group(0)
    tld = match.group("tld")
    local = match.group("local")
    domain = match.group("domain")
    deliberate_at = "@" in at or bool(re.search(_BRACKET_AT, at))
    dots = re.findall(_DOT, whole[len(local) + len(at) :])
    spelled_dot = any(re.search(r"dot|دوت|نقطة", dot) for dot in dots)
    spaced_dot = any(dot.strip() == "." and dot != "." for dot in dots)
    if tld not in _TLDS or len(re.split(_DOT, domain)[0]) < 2:
        return False  # "works at a dot com start-up"
    if spaced_dot and not (deliberate_at or spelled_dot):
        # "I was at home. Mum..." — a full stop and a new sentence, not a domain.
        return False
    if deliberate_at or spelled_dot:
        return True
    # A plain " at " before a written domain: "sara_92 at mail.com" is an address,
    # "we met at amazon.com" or "I was at work.com" is not, unless the provider says so.
    first_label = re.split(_DOT, domain)[0]
    return _looks_like_a_local_part(local) or bool(_MAIL_PROVIDER.match(first_label))


def _email_spans(text: str) -> list[tuple[int, int]]:
    spans = [match.span() for match in _ADDRESS.finditer(text)]
    spans += [m.span() for m in _SPELLED.finditer(text) if _spelled_address(m)]
    for match in _AT_PROVIDER.finditer(text):
        local = match.group("local")
        before = text[max(0, match.start() - 40) : match.start()]
        if _looks_like_a_local_part(local) or _EMAIL_CUE.search(before):
            spans.append(match.span())
    return sorted(spans)


# --- Social handles and profile links -------------------------------------------------------

_PROFILE_LINK = re.compile(
    r"(?<![a-z0-9.-])(?:[a-z]{1,10}\.)?"
    r"(?:instagram\.com|instagr\.am|facebook\.com|fb\.com|fb\.me|m\.me|t\.me|telegram\.me|"
    r"wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|tiktok\.com|twitter\.com|x\.com|"
    r"snapchat\.com|discord\.gg|discord\.com/users|linkedin\.com/in|threads\.net|linktr\.ee|"
    r"reddit\.com/u|kik\.me|youtube\.com/@|twitch\.tv)/[^\s/]{1,100}"
)
# Names of the platforms, as people write them: alone, with the article, or as "my ...".
_PLATFORMS_LATIN = (
    r"instagram|insta|ig|snapchat|snap|telegram|tg|tiktok|tik tok|twitter|discord|kik|"
    r"facebook|fb|whatsapp|whats app|wechat|skype|youtube|twitch|bereal|reddit"
)
_PLATFORMS_ARABIC = (
    r"انستغرام|انستجرام|انستقرام|إنستغرام|إنستجرام|انستا|انستي|إنستا|سناب شات|سنابشات|"
    r"سنابي|سناب|تيليجرام|تليجرام|تلغرام|تلجرام|تيليقرام|تويتر|تيك توك|تيكتوك|فيسبوك|"
    r"فيس بوك|فيسي|فيس|ديسكورد|واتساب|واتس اب|واتسي|واتس|سكايب|يوتيوب|ريديت|تويتش"
)
# An account name; Discord's older names carry a four-digit tag ("nightowl#1234").
_NAME = r"@?[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?(?:#[0-9]{4})?"
# "insta: name", "snapchat = name", "my snap is name_92", "telegram @name".
_LATIN_PLATFORM_NAME = re.compile(
    rf"(?<![a-z0-9])(?:{_PLATFORMS_LATIN})"
    r"(?P<sep>\s{0,3}[:：=]\s{0,3}|\s{1,3}(?P<word>is|id|handle|name|username|user|account)"
    r"\s{0,3}[:：]?\s{0,3}|\s{0,3}(?=@))"
    rf"(?P<name>{_NAME})(?P<after>.{{0,3}})",
    re.DOTALL,
)
# "سنابي: name", "حسابي على الانستا name", "ضيفوني سناب @name": Arabic around a Latin name.
_ARABIC_PLATFORM_NAME = re.compile(
    rf"(?<![\u0621-\u064a])(?:ال|و|ع|على ال|في ال)?(?:{_PLATFORMS_ARABIC})"
    r"(?:\s{0,3}[:：=\-–—]\s{0,3}|\s{1,3}(?:(?:هو|هي|اسمي|عندي|يوزري|يوزر|حسابي)\s{1,3})?)"
    rf"(?P<name>{_NAME})(?![a-z0-9_])"
)
# Words just before an "@name" that ask to be contacted there: "follow me @name",
# "on insta @name", "تابعوني على الانستا @name", "حسابي @name".
_MENTION = re.compile(r"(?<![a-z0-9_.@/])@(?P<name>[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)")
_CUE_BEFORE_MENTION = re.compile(
    r"(?:(?<![a-z])(?:follow me|add me|dm me|message me|msg me|text me|find me|reach me|"
    r"talk to me|hit me up|my handle|my account|my username|my user)"
    r"|تابعوني|تابعني|ضيفوني|ضيفني|أضيفوني|اضيفوني|كلموني|كلمني|راسلوني|راسلني|حسابي|"
    r"يوزري|تواصلوا معي|تواصل معي"
    rf"|(?<![a-z])(?:on|my|at|in)\s{{1,3}}(?:{_PLATFORMS_LATIN})"
    rf"|(?:على|ع|في|عال)\s{{0,3}}(?:ال)?(?:{_PLATFORMS_ARABIC}))"
    r"\s{0,3}[:：]?\s{0,3}$"
)
# ...or just after it: "@name on insta", "@name على الانستا".
_PLATFORM_AFTER_MENTION = re.compile(
    rf"^\s{{0,3}}(?:(?:on|at|in)\s{{1,3}}(?:{_PLATFORMS_LATIN})(?![a-z])"
    rf"|(?:على|ع|في)\s{{0,3}}(?:ال)?(?:{_PLATFORMS_ARABIC}))"
)
_PLATFORM_WORD = re.compile(rf"^(?:{_PLATFORMS_LATIN})$")


def _names_an_account(match: re.Match) -> bool:
    """Whether the word after a platform is an account name rather than more prose.

    "insta: laylaa_92", "telegram @laylaa" and "my snap is laylaa.k" are; "insta: it was
    making me sad" and "my insta is private" are not. A plain word counts only when a
    colon (or "handle:", "username") introduces it and it ends the clause.
    """
    name, after = match.group("name"), match.group("after")
    if name.startswith("@"):
        return True
    if _PLATFORM_WORD.match(name) or len(name) < 3 or not re.search(r"[a-z]", name):
        return False
    if re.search(r"[0-9_.]", name):
        return True
    separator = match.group("sep")
    strong = bool(re.search(r"[:：=]", separator)) or match.group("word") not in (None, "is")
    ends_clause = not after or bool(re.match(r"\s*(?:$|\n|[.,;!?،؛)\]]|[^\x00-\x7f])", after))
    return strong and ends_clause


def _handle_found(text: str) -> bool:
    if _PROFILE_LINK.search(text):
        return True
    if any(_names_an_account(match) for match in _LATIN_PLATFORM_NAME.finditer(text)):
        return True
    for match in _ARABIC_PLATFORM_NAME.finditer(text):
        name = match.group("name").lstrip("@")
        # A Latin name written straight after an Arabic platform word is an account:
        # Arabic prose does not switch script for an ordinary word.
        if len(name) >= 3 and re.search(r"[a-z]", name) and not _PLATFORM_WORD.match(name):
            return True
    for match in _MENTION.finditer(text):
        # A bare "@name" is someone being addressed; with a platform or an invitation
        # to get in touch right beside it, it is an account being shared.
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 25]
        if _CUE_BEFORE_MENTION.search(before) or _PLATFORM_AFTER_MENTION.match(after):
            return True
    return False


# --- Phone numbers ----------------------------------------------------------------------------

# A run of digits with the separators people type inside a number (spaces, dashes,
# dots, brackets, a slash), never a colon (times, verses) or a comma (amounts).
_PHONE_RUN = re.compile(
    r"(?<![0-9a-z])(?:\+|00)?\(?[0-9](?:[ \u00a0\-.()/]{0,3}[0-9]){5,24}(?![0-9a-z])"
)
_DATE = r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}"
_DATE_OR_RANGE = re.compile(rf"^{_DATE}(?:\s{{0,2}}[-–/]\s{{0,2}}{_DATE})?$")
_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")
# Words saying that the digits after them are a number to call...
_CALL_CUE = re.compile(
    r"(?<![a-z])(?:call|ring|text|phone|tel|mobile|cell|whats ?app|reach me|sms|viber)"
    r"(?![a-z])|"
    r"رقمي|رقمه|رقمها|اتصل|اتصلي|اتصلوا|كلمني|كلميني|رنلي|رني|موبايل|موبايلي|جوال|جوالي|"
    r"تليفون|تلفون|تليفوني|هاتف|هاتفي|واتس|الواتس|واتساب|ابعتلي|ابعثلي|راسلني"
)
# ...or just that they are a number ("my number", "رقم"), which an order has too.
_NUMBER_CUE = re.compile(r"(?<![a-z])(?:number|contact|no\.?)(?![a-z])|رقم|تواصل")
_NOT_A_PHONE_CUE = re.compile(
    r"(?<![a-z])(?:order|ref|reference|tracking|invoice|receipt|case|ticket|isbn|serial|"
    r"account|iban|policy|booking|confirmation|id|parcel|shipment|claim|transaction|"
    r"model|version|pin|code|ip)(?![a-z])|"
    r"طلب|الطلب|طلبية|فاتورة|الفاتورة|مرجع|المرجع|المرجعي|تتبع|التتبع|شحنة|الشحنة|حجز|"
    r"الحجز|الحساب|الهوية|هوية|الإقامة|اقامة|إقامة|الآيبان|ايبان|كود|رمز|بوليصة|"
    r"معاملة|المعاملة|القضية|قضية|تذكرة|التذكرة|موديل"
)
_AMOUNT_BEFORE = re.compile(
    r"(?:[$£€¥₹]|(?<![a-z])(?:usd|gbp|eur|sar|aed|egp|kwd|qar|bhd|omr|jod|lbp|iqd|mad|dzd|"
    r"tnd|sdg|syp|yer|rs|inr))\s{0,2}$"
)
_AMOUNT_AFTER = re.compile(
    r"^\s{0,2}(?:%|٪|\$|£|€|(?:k|m|km|kg|mg|ml|cm|mm|steps|people|persons|views|likes|"
    r"followers|words|pages|years|days|hours|minutes|seconds|times|dollars?|pounds?|euros?|"
    r"riyals?|rials?|dirhams?|dinars?|lira|liras|usd|gbp|eur|sar|aed|egp|kwd|qar|jod)"
    r"(?![a-z])|ريال|ريالات|جنيه|جنيهات|درهم|دراهم|دينار|دنانير|ليرة|ليرات|دولار|"
    r"دولارات|يورو|شخص|أشخاص|سنة|سنوات|يوم|أيام|ساعة|ساعات|دقيقة|دقائق|كيلو|كم|متر|خطوة|"
    r"مشاهدة|متابع)"
)


def _last(pattern: re.Pattern, text: str) -> int:
    """Where the last match of the pattern ends in the text, or -1."""
    end = -1
    for match in pattern.finditer(text):
        end = match.end()
    return end


def _looks_like_phone(text: str, match: re.Match) -> bool:
    run = match.group(0).strip(" -./()\u00a0")
    digits = re.sub(r"[^0-9]", "", run)
    count = len(digits)
    if count < 7 or count > 15:
        return False
    groups = re.findall(r"[0-9]+", run)
    separators = [part.strip() or " " for part in re.findall(r"[^0-9]+", run)]
    if _DATE_OR_RANGE.match(run) or all(_YEAR.match(group) for group in groups):
        return False  # "2024-01-15", "1/3/2024 - 5/3/2024", "1998-2004", "2019 2020"
    if separators == ["."]:
        return False  # a decimal: "3.14159265"
    if set(separators) == {"."} and len(groups) == 4 and all(len(g) <= 3 for g in groups):
        return False  # an address on a network: "192.168.1.100"
    before = text[max(0, match.start() - 30) : match.start()]
    after = text[match.end() : match.end() + 14]
    if _AMOUNT_BEFORE.search(before) or _AMOUNT_AFTER.match(after):
        return False  # "SAR 1500000", "120000000 جنيه", "1000000 views"
    call, other = _last(_CALL_CUE, before), _last(_NOT_A_PHONE_CUE, before)
    if other > call:
        return False  # "order 1234567890", "رقم الطلب ٩٨٧٦٥٤٣٢١٠"
    if run.startswith(("+", "00")):
        return count >= 8
    if call >= 0 or _NUMBER_CUE.search(before):
        return True
    if digits.startswith("0"):
        # A trunk prefix, as numbers are written across the Arab world, the UK and
        # Australia (05x, 01x, 07xxx, 04xx); eight digits in groups (Lebanon's "03 123 456").
        return count >= 9 or (count == 8 and len(groups) >= 2)
    if count == 8:
        # The Gulf's eight-digit numbers, written in two fours: "5555 1234".
        return len(groups) == 2 and all(len(group) == 4 for group in groups)
    if digits.endswith("0000"):
        return False  # a round figure, not a number to call
    return count >= 10


def _phone_found(text: str) -> bool:
    return any(_looks_like_phone(text, match) for match in _PHONE_RUN.finditer(text))


# --- The check ------------------------------------------------------------------------------


def contact_details(text: str) -> list[str]:
    """Which kinds of contact details the text shares, in a fixed order: "phone",
    "email", "handle". Empty for ordinary text."""
    if not text:
        return []
    prepared = _prepare(text)
    found = []
    emails = _email_spans(prepared)
    without_emails = _blank(prepared, emails)
    links = [match.span() for match in _URL.finditer(without_emails)]
    if _phone_found(_blank(without_emails, links)):
        found.append(PHONE)
    if emails:
        found.append(EMAIL)
    if _handle_found(without_emails):
        found.append(HANDLE)
    return found


def post_contact_details(
    *, title: str = "", body: str = "", content_warning: str = ""
) -> list[str]:
    """The check on everything a post shows others: its title (an opening post), its
    text and its content warning, read as the composer and screening both read them."""
    return contact_details("\n".join(part for part in (title, body, content_warning) if part))
