"""Names moderators read for the crisis detector's signal codes.

The detector (moderation.screening.assess_crisis) reports stable codes such as
"direct.want_to_die" or "context.negated": the part before the dot is the family, the
rest the sign itself. Each known code has a translated name; a code this list does not
know yet (a detector newer than this file) is named by its family, and a family nobody
knows is still shown, so no signal is ever hidden from a moderator.
"""

from django.utils.translation import gettext_lazy as _

SIGNALS = {
    # The phrase lists in admin (the detector's first version).
    "phrase.crisis": _("A crisis phrase from the list in admin"),
    "phrase.harmful": _("A phrase about methods or encouragement from the list in admin"),
    # Direct statements by the writer about themselves.
    "direct.want_to_die": _("Says they want to die"),
    "direct.kill_self": _("Says they want to kill themselves"),
    "direct.suicide": _("Speaks of their own suicide"),
    "direct.self_harm": _("Speaks of harming themselves"),
    "direct.not_live": _("Says they do not want to live"),
    # Indirect warning signs.
    "indirect.farewell": _("A farewell message"),
    "indirect.burden": _("Feels they are a burden"),
    "indirect.giving_away": _("Giving things away"),
    "indirect.plan": _("A plan, a time or a date"),
    "indirect.passive_wish": _("Wishes to sleep and not wake, or to disappear"),
    "indirect.hopelessness": _("Hopelessness"),
    "indirect.means": _("Hopelessness together with access to means"),
    # Self-harm.
    "selfharm.act": _("Self-harm"),
    # What is held: methods, pacts, encouragement.
    "method.question": _("Asks about methods"),
    "method.instructions": _("Describes or instructs methods"),
    "method.lethal_amount": _("Asks about or names a lethal amount"),
    "harm.pact": _("A suicide pact"),
    "harm.encouragement": _("Encourages someone to harm themselves"),
    "hold.method": _("Asks about or describes methods"),
    "hold.pact": _("A suicide pact"),
    "hold.encouragement": _("Encourages someone to harm themselves"),
    # Possible risk, and someone else at risk.
    "possible.hopeless": _("Hopelessness"),
    "other.at_risk": _("Someone else may be at risk"),
    # Context that lowers or shifts the risk.
    "context.negated": _("Denied (“not”, “ما”, “مش”, “لا”)"),
    "context.past": _("In the past or recovered"),
    "context.other_person": _("About someone else at risk"),
    "context.loss": _("Grief for someone lost to suicide"),
    "context.news": _("News, a film or an awareness day"),
    "context.supportive": _("A supportive reply pointing to help"),
    "context.idiom": _("An idiom or a joke"),
    "context.negation": _("Denied (“not”, “ما”, “مش”, “لا”)"),
    "context.addressed": _("Addressed to another person"),
    "context.medication": _("An ordinary question about medication"),
    # The learned scorer.
    "model.score": _("The learned model’s score"),
    "model.urgent": _("The learned model: urgent"),
    "model.possible": _("The learned model: possible risk"),
    "model.hold": _("The learned model: methods or encouragement"),
    "model.other_person": _("The learned model: someone else at risk"),
}

FAMILIES = {
    "phrase": _("A phrase from the list in admin"),
    "direct": _("A direct statement"),
    "indirect": _("An indirect warning sign"),
    "selfharm": _("Self-harm"),
    "self_harm": _("Self-harm"),
    "method": _("Methods or lethal amounts"),
    "harm": _("Pacts or encouragement of self-harm"),
    "hold": _("Methods, a pact or encouragement of self-harm"),
    "possible": _("A sign of possible risk"),
    "other": _("Someone else may be at risk"),
    "encouragement": _("Encourages someone to harm themselves"),
    "pact": _("A suicide pact"),
    "context": _("Context"),
    "model": _("The learned model"),
    # The detector failed, and the phrase lists in admin decided instead.
    "fallback": _("The detector failed: the phrase lists in admin decided"),
}


def signal_label(code: str) -> str:
    """The translated name of one signal code, never empty."""
    code = str(code)
    known = SIGNALS.get(code)
    if known is not None:
        return str(known)
    family = FAMILIES.get(code.split(".", 1)[0])
    if family is not None:
        return str(family)
    return str(_("Another signal"))


def signal_labels(codes) -> list[dict]:
    """Each code with its name, in the order the detector gave them."""
    return [{"code": str(code), "label": signal_label(code)} for code in codes or ()]
