"""Named events a lower floor raises for a higher one to handle.

Apps import only downwards (config and audit, accounts, groups, posts, moderation,
privacy, in that order; the layering contract in pyproject.toml enforces it). When a
lower app must let a higher one act, it sends one of these. The contract, for every
event here:

- Who may subscribe: an app on a higher floor than the sender, in its
  AppConfig.ready(), with a dispatch_uid. Nothing else connects to these.
- Handlers run synchronously, in the sender's thread and inside its transaction, in
  the order they were connected (INSTALLED_APPS order across apps). An exception a
  handler raises reaches the sender and rolls its transaction back: that is how a
  handler refuses a write (send(), never send_robust()).
- Whatever a handler returns is read only where the event says so.
"""

from django.dispatch import Signal

# A write was refused before any view ran (a suspended account: accounts.middleware).
# Arguments: request, refusal (the message the member is shown).
write_refused = Signal()

# Someone tried to post (a new thread, a reply, an edit) and it was not published: a rule
# refused it, or the composer asked them to correct something first.
# Arguments: request; where ("thread", "reply", "edit"); slug, thread_id, post_id (what
# the address named); title, body, content_warning, anonymous (what they sent); refusal
# (the message they are shown), code (the rule's code), correctable (they can fix the
# form and send it again), without_form (the response shows no composer). A handler
# returns True when it gave the member crisis support in this response.
posting_refused = Signal()

# A post was written (posts.services: the opening post of a new thread, or a reply), its
# row saved and nothing yet announced or indexed. Arguments: post, membership (the
# author's). A handler may hold the post (set post.state and save it) or refuse it by
# raising ValidationError, which undoes the whole post. Moderation screens here.
post_created = Signal()

# A post was edited (posts.services.post_edit), with the same arguments and the same
# powers as post_created: an edit must meet what a new post meets.
post_edited = Signal()

# A member's new thread, reply or edit was saved and their view is choosing the page
# that follows (posts.views). Arguments: request; post or thread (the one saved). A
# handler returns True when it queued crisis support for that page, which then opens
# at the support panel.
post_sent = Signal()

# A reply was saved (posts.services.post_create), held or not; whether it is told about
# is decided when the work runs. Arguments: post_id. Handlers schedule their work after
# commit (the delivery app: the fan-out to the thread's watchers).
reply_posted = Signal()

# Notifications were recorded (notifications.records), each with its Delivery rows, in
# the caller's transaction. Arguments: notification_ids. The delivery app schedules the
# sending after commit.
notifications_recorded = Signal()

# A page of the groups app is being put together and a higher floor adds what it owns
# to it (posts: the threads of a group's page, a few threads waiting for a reply on the
# home page). Arguments: request; page ("home" or "group"); on "group", group and
# membership (the viewer's, active). A handler returns a dict for the page's context.
page_context = Signal()

# Group cards are being loaded (groups.selectors.with_card_details) and a higher floor
# annotates them in the same query (posts: active_this_week). No arguments; a handler
# returns a dict of annotations.
group_card_annotations = Signal()

# A persona's name changed (accounts.services.persona_rename), in the renaming
# transaction. Arguments: persona_id. Posts forgets the cached blocks of the posts it
# signed (posts.post_cache), which show the name.
persona_renamed = Signal()
