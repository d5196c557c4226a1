"""Django admin for groups, through the same services as the site.

Every save here goes to groups.services, so admin changes follow the site's rules and
leave the same audit rows. A service refusing a change (a persona of another account,
a taken address) surfaces as a form error, never a half-saved group.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.admin_privacy import REVEAL_NOTE, PrivateModelAdmin
from groups import services
from groups.forms import InviteAdminForm, MembershipAdminForm
from groups.models import EntryQuestion, Invite, Membership, SupportGroup, Topic


class MembershipInline(admin.TabularInline):
    """Members by persona only: the account behind one is for the reveal page."""

    model = Membership
    form = MembershipAdminForm
    extra = 0
    fields = ("persona", "role", "state", "is_verified_facilitator")
    raw_id_fields = ("persona",)
    verbose_name = _("member, moderator or facilitator")
    verbose_name_plural = _("members, moderators and facilitators")


class EntryQuestionInline(admin.StackedInline):
    model = EntryQuestion
    extra = 0
    fields = (("position", "kind", "is_required"), "prompt", "help_text", "options")


class InviteInline(admin.TabularInline):
    model = Invite
    form = InviteAdminForm
    extra = 0
    can_delete = False
    fields = ("label", "expires_at", "max_uses", "use_count", "status_shown", "revoke")
    readonly_fields = ("use_count", "status_shown")

    @admin.display(description=_("status"))
    def status_shown(self, invite: Invite) -> str:
        return invite.get_status_display() if invite.pk else ""


@admin.register(Topic)
class TopicAdmin(PrivateModelAdmin):
    list_display = ("slug", "name_en", "name_ar")
    search_fields = ("slug", "name_en", "name_ar")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(SupportGroup)
class SupportGroupAdmin(PrivateModelAdmin):
    list_display = (
        "name",
        "language",
        "access",
        "listing",
        "leadership",
        "active_member_count",
        "is_archived",
    )
    list_filter = ("language", "access", "listing", "leadership", "topics", "is_archived")
    search_fields = ("name", "slug", "summary")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("topics",)
    inlines = [MembershipInline, EntryQuestionInline, InviteInline]
    actions = ["archive_groups"]
    fieldsets = (
        (
            None,
            {
                "fields": ("name", "slug", "summary", "description", "rules", "topics"),
                "description": REVEAL_NOTE,
            },
        ),
        (
            _("Who can find and join it"),
            {"fields": ("language", "access", "listing", "leadership", "join_cooldown_days")},
        ),
        (
            _("Posting"),
            {"fields": ("allow_anonymous_posts", "hold_first_posts", "is_archived")},
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                active_members=Count(
                    "memberships", filter=Q(memberships__state=Membership.State.ACTIVE)
                )
            )
        )

    @admin.display(description=_("active members"), ordering="active_members")
    def active_member_count(self, group: SupportGroup) -> int:
        return group.active_members

    @admin.action(description=_("Archive the selected groups"))
    def archive_groups(self, request, queryset):
        archived = 0
        for group in queryset.filter(is_archived=False):
            services.group_archive(actor=request.user, group=group)
            archived += 1
        self.message_user(
            request,
            ngettext("%(count)d group archived.", "%(count)d groups archived.", archived)
            % {"count": archived},
            messages.SUCCESS,
        )

    # --- saving through the services ----------------------------------------------------

    def save_model(self, request, obj, form, change):
        topics = form.cleaned_data.get("topics", [])
        if not change:
            services.group_create(actor=request.user, group=obj, topics=topics)
            return
        changes = {
            field: form.cleaned_data[field]
            for field in form.changed_data
            if field in services.STAFF_SETTINGS
        }
        if changes:
            services.group_update(actor=request.user, group=obj, changes=changes)

    def save_related(self, request, form, formsets, change):
        # Topics were saved by the service in save_model; the inlines go row by row.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        group = form.instance
        actor = request.user
        if formset.model is Membership:
            self._save_memberships(actor, group, formset)
        elif formset.model is EntryQuestion:
            self._save_questions(actor, group, formset)
        elif formset.model is Invite:
            self._save_invites(actor, group, formset)

    @staticmethod
    def _save_memberships(actor, group, formset) -> None:
        for membership in formset.deleted_objects:
            services.membership_remove_by_staff(actor=actor, membership=membership)
        for membership, _fields in formset.changed_objects:
            services.membership_update_by_staff(
                actor=actor,
                membership=membership,
                persona=membership.persona,
                role=membership.role,
                state=membership.state,
                is_verified_facilitator=membership.is_verified_facilitator,
            )
        for membership in formset.new_objects:
            services.membership_add_by_staff(
                actor=actor,
                group=group,
                user=membership.user,
                persona=membership.persona,
                role=membership.role,
                state=membership.state,
                is_verified_facilitator=membership.is_verified_facilitator,
            )

    @staticmethod
    def _save_questions(actor, group, formset) -> None:
        fields = ("kind", "prompt", "help_text", "options", "is_required", "position")
        for question in formset.deleted_objects:
            services.entry_question_delete(actor=actor, question=question)
        for question, _fields in formset.changed_objects:
            services.entry_question_update(
                actor=actor,
                question=question,
                changes={field: getattr(question, field) for field in fields},
            )
        for question in formset.new_objects:
            services.entry_question_create(
                actor=actor, group=group, **{field: getattr(question, field) for field in fields}
            )

    @staticmethod
    def _save_invites(actor, group, formset) -> None:
        for invite_form in formset.forms:
            if not invite_form.has_changed() or invite_form in formset.deleted_forms:
                continue
            invite = invite_form.instance
            values = {
                "expires_at": invite_form.cleaned_data["expires_at"],
                "max_uses": invite_form.cleaned_data["max_uses"],
                "label": invite_form.cleaned_data["label"],
            }
            if invite.pk is None:
                services.invite_create(actor=actor, group=group, **values)
                continue
            if set(invite_form.changed_data) & set(values):
                services.invite_update(actor=actor, invite=invite, **values)
            if invite_form.cleaned_data.get("revoke"):
                services.invite_revoke(actor=actor, invite=invite)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # The form checked what it could; a rule only the service knows refused the
            # change, and the whole save was rolled back with it.
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
