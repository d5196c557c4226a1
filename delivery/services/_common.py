"""Shared by several delivery services: the Kind shorthand, and whether a delivery is due."""

from datetime import datetime

from django.db.models import Q

from notifications.models import Notification

Kind = Notification.Kind


def _due(now: datetime) -> Q:
    return Q(not_before__isnull=True) | Q(not_before__lte=now)
