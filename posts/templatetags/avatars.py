"""{% post_avatar post %}: the picture beside a post's author name.

A signed post shows its persona's picture; an anonymous post a picture of its label in
that thread only (another thread, another picture, even for the same author); a post
whose persona was detached from a deleted account the one neutral picture.
"""

from django import template
from django.utils.safestring import SafeString

from accounts.avatars import avatar, persona_avatar

register = template.Library()


@register.simple_tag
def post_avatar(post) -> SafeString:
    if post.is_anonymous:
        return avatar(f"anonymous:{post.thread_id}:{post.anonymous_number or 0}")
    return persona_avatar(post.persona_id)
