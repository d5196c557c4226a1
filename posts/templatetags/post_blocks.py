"""The tags of shared post blocks (posts.post_cache).

{% reader_if "name" [part] %}...{% reader_else %}...{% end_reader_if %} marks what one
reader sees differently from another inside a post's block: rendering for one reader it
is an ordinary if (answered by posts.post_cache.conditions); rendering the block shared
by every reader, it writes both branches out between markers, chosen later per reader.

{% reader_slot "name" %} is a piece of the reader's own text (a count), filled in likewise.

{% render_posts posts %} renders a page's posts that way, {% render_thread_rows threads %}
a group page's conversations.
"""

from django import template
from django.utils.safestring import mark_safe

from posts import post_cache
from posts.post_cache import MARK_ELSE, MARK_END, MARK_IF, MARK_SLOT

register = template.Library()


class ReaderIfNode(template.Node):
    def __init__(self, parts, yes, no):
        self.parts, self.yes, self.no = parts, yes, no

    def render(self, context):
        name = ":".join(str(part.resolve(context)) for part in self.parts)
        marker = context.get("reader_marker")
        if marker:
            return (
                f"{marker}{MARK_IF}{name}\x00{self.yes.render(context)}"
                f"{marker}{MARK_ELSE}\x00{self.no.render(context)}{marker}{MARK_END}\x00"
            )
        if post_cache.live_condition(context, name):
            return self.yes.render(context)
        return self.no.render(context)


@register.tag("reader_if")
def reader_if(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("reader_if needs the name of what it asks")
    parts = [parser.compile_filter(bit) for bit in bits[1:]]
    yes = parser.parse(("reader_else", "end_reader_if"))
    if parser.next_token().contents == "reader_else":
        no = parser.parse(("end_reader_if",))
        parser.delete_first_token()
    else:
        no = template.NodeList()
    return ReaderIfNode(parts, yes, no)


@register.simple_tag(takes_context=True)
def reader_slot(context, name):
    """A piece of text that is the reader's own (already escaped), such as a count."""
    marker = context.get("reader_marker")
    if marker:
        return mark_safe(f"{marker}{MARK_SLOT}{name}\x00")
    return post_cache.live_condition(context, name)


@register.simple_tag(takes_context=True)
def render_thread_rows(context, threads):
    return mark_safe(post_cache.render_thread_rows(threads, context))


@register.simple_tag(takes_context=True)
def render_posts(context, posts):
    return mark_safe(post_cache.render_posts(posts, context))
