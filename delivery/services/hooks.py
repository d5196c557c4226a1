"""Scheduling: the receivers of config.hooks, which queue the work after commit."""

from delivery import queue


def on_notifications_recorded(sender, *, notification_ids: list[int], **kwargs) -> None:
    """config.hooks.notifications_recorded: send what an app just recorded, after commit."""
    queue.deliveries_after_commit(notification_ids)


def on_reply_posted(sender, *, post_id: int, **kwargs) -> None:
    """config.hooks.reply_posted: tell the thread's watchers, batch by batch, after commit."""
    queue.reply_fanout_after_commit(post_id)
