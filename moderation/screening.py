"""What happens to a new post before others see it: automatic holds and crisis response.

posts.services calls screen_new_post inside the transaction that creates the post, so
a hold and its review item commit together with the post or not at all.
"""

from groups.models import Membership
from posts.models import Post


def screen_new_post(*, post: Post, membership: Membership) -> None:
    """Hold, flag or raise a crisis item for a new post. Filled in by the moderation work
    (issue 6): new members' first posts, watched words, self-disclosure, crisis
    language. Until then every post is published as it is."""
    return None
