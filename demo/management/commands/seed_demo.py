"""`python manage.py seed_demo`: demo accounts, groups and conversations for a local Sanad.

The content is data, in demo/data/: site.yaml names the demo logins, the topics and the
groups in order, and each group has a file of its own (its page, rules, entry questions,
conversations and the reports on them), in the group's language. This command only
reads those files and writes them through the same services as the site.

Idempotent: everything is keyed on a natural key (usernames, group slugs, thread titles
within a group), so running it again creates nothing new and changes nothing that exists,
including anything an admin has edited since.
"""

import re
import textwrap
from datetime import timedelta
from pathlib import Path

import yaml
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

# Printed below (and so by `make run`): the demo is for a laptop, never production.
DEMO_PASSWORD = "sanad-demo-2026"  # noqa: S105
SITE_URL = "http://127.0.0.1:8000"
DEMO_DIR = Path(__file__).resolve().parents[2] / "data"
# The fields written as wrapped text in the data files (see _text).
TEXT_FIELDS = ("summary", "description", "rules", "body", "note", "content_warning")


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


def _unwrapped(data):
    """The data as loaded, with every text field joined back by _text."""
    if isinstance(data, list):
        return [_unwrapped(item) for item in data]
    if isinstance(data, dict):
        return {
            key: _text(value) if key in TEXT_FIELDS else _unwrapped(value)
            for key, value in data.items()
        }
    return data


def load_demo(directory: Path = DEMO_DIR) -> dict:
    """site.yaml, with its groups' files read in the order it names them."""
    site = _unwrapped(yaml.safe_load((directory / "site.yaml").read_text(encoding="utf-8")))
    site["groups"] = [
        _unwrapped(yaml.safe_load((directory / f"{slug}.yaml").read_text(encoding="utf-8")))
        for slug in site["groups"]
    ]
    return site


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
        demo = load_demo()
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
            users = {spec["username"]: self._user(spec) for spec in demo["accounts"]}
            topics = {spec["slug"]: spec for spec in demo["topics"]}
            groups = {spec["slug"]: self._group(spec, users, topics) for spec in demo["groups"]}
            for spec in demo["groups"]:
                for thread in spec.get("threads", ()):
                    self._thread(thread, users, groups[spec["slug"]])
            for spec in demo["groups"]:
                for report in spec.get("reports", ()):
                    self._report(report, users, groups[spec["slug"]])
            for username in ("moderator", "admin"):
                self._train(users[username])
        self._print_summary(demo)

    # --- steps --------------------------------------------------------------------

    def _user(self, spec: dict) -> User:
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            if spec.get("staff"):
                user = User.objects.create_superuser(
                    username=spec["username"], email="", password=DEMO_PASSWORD
                )
            else:
                user = User.objects.create_user(username=spec["username"], password=DEMO_PASSWORD)
            self.created["accounts"] += 1
        if not user.personas.exists():
            account_set_up(user=user, language=spec["language"])
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

    def _group(self, spec: dict, users: dict[str, User], topics: dict) -> SupportGroup:
        group = SupportGroup.objects.filter(slug=spec["slug"]).first()
        if group is None:
            # Through the service, as admin does: audited, and indexed for search.
            group = group_create(
                actor=None,
                group=SupportGroup(
                    slug=spec["slug"],
                    name=spec["name"],
                    summary=spec["summary"],
                    description=spec["description"],
                    rules=spec["rules"],
                    language=spec["language"],
                    access=spec["access"],
                    listing=spec["listing"],
                    leadership=spec["leadership"],
                    allow_anonymous_posts=spec.get("allow_anonymous_posts", True),
                ),
                topics=[self._topic(topics[slug]) for slug in spec.get("topics", ())],
            )
            self._entry_questions(group, spec.get("entry_questions", ()))
            if spec.get("invite"):
                self._invite(group, users["moderator"], spec["invite"])
            self.created["groups"] += 1
        if group.leadership == SupportGroup.Leadership.PROFESSIONAL:
            # The demo moderator leads the professionally led groups, badge and all.
            self._membership(group, users["moderator"], Membership.Role.FACILITATOR, verified=True)
        else:
            self._membership(group, users["moderator"], Membership.Role.MODERATOR)
        for username in spec["members"]:
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
    def _topic(spec: dict) -> Topic:
        return Topic.objects.get_or_create(
            slug=spec["slug"], defaults={"name_en": spec["en"], "name_ar": spec["ar"]}
        )[0]

    @staticmethod
    def _entry_questions(group: SupportGroup, questions) -> None:
        for position, question in enumerate(questions):
            EntryQuestion.objects.create(
                group=group,
                kind=question["kind"],
                prompt=question["prompt"],
                options="\n".join(question.get("options", ())),
                position=position,
            )

    @staticmethod
    def _invite(group: SupportGroup, moderator: User, token: str) -> None:
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

    def _thread(self, spec: dict, users, group: SupportGroup) -> None:
        if Thread.objects.filter(group=group, title=spec["title"]).exists():
            return
        thread = thread_create(
            author=users[spec["author"]],
            group=group,
            title=spec["title"],
            body=spec["body"],
            content_warning=spec.get("content_warning", ""),
        )
        answers = spec.get("replies", ())
        replies = [
            post_create(author=users[reply["author"]], thread=thread, body=reply["body"])
            for reply in answers
        ]
        # Those who answered also sent the opening post some support: counts to show.
        opening = thread.posts.get(is_opening=True)
        if opening.state == Post.State.VISIBLE:
            for author in sorted({reply["author"] for reply in answers} - {spec["author"]}):
                reaction_set(user=users[author], post=opening, kind="support", active=True)
        self.created["threads"] += 1
        self.created["replies"] += len(replies)
        self._backdate(thread, replies, timedelta(days=spec["days_ago"]))

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

    def _report(self, spec: dict, users, group: SupportGroup) -> None:
        post = (
            Post.objects.filter(
                thread__group=group,
                thread__title=spec["thread"],
                author=users[spec["post_author"]],
                is_opening=False,
            )
            .order_by("pk")
            .first()
        )
        reporter = users[spec["reporter"]]
        if post is None or Report.objects.filter(reporter=reporter, item__post=post).exists():
            return
        report_create(reporter=reporter, post=post, reason=spec["reason"], note=spec["note"])
        self.created["reports"] += 1

    # --- output -------------------------------------------------------------------

    def _print_summary(self, demo: dict) -> None:
        made = ", ".join(f"{count} {what}" for what, count in self.created.items())
        self.stdout.write(self.style.SUCCESS(f"Sanad demo data is ready (created: {made})."))
        self.stdout.write("")
        self.stdout.write(f"Open {SITE_URL} and sign in with one of these demo logins:")
        self.stdout.write("")
        accounts = demo["accounts"]
        width = max(len(spec["username"]) for spec in accounts) + 2
        header = f"  {'username':<{width}}{'password':<{len(DEMO_PASSWORD) + 2}}what it is"
        self.stdout.write(self.style.MIGRATE_HEADING(header))
        for spec in accounts:
            what = spec["what"].replace("{site}", SITE_URL)
            self.stdout.write(f"  {spec['username']:<{width}}{DEMO_PASSWORD}  {what}")
        self.stdout.write("")
        for group in demo["groups"]:
            if group.get("invite"):
                self.stdout.write(
                    "Invite link to the unlisted group: "
                    f"{SITE_URL}/groups/{group['slug']}/join/?invite={group['invite']}"
                )
        self.stdout.write(
            "Demo only: these passwords are public. Never run seed_demo against real data."
        )
