"""Model instances from hand-written SQL, for the few queries every page runs.

The ORM composes each query afresh on every call. On the thread page, composing the
access check and the page's posts cost more than the database took to answer them
(measured in-process on the posts.site data: the access check took 1.8 ms as two ORM
queries and 0.5 ms as one of these). These
helpers let a selector write such a query once as SQL and still hand templates ordinary
model instances, every value converted exactly as the ORM would convert it (SQLite's
datetimes and booleans, for instance). Fields left out are deferred, as with .only().
"""

from functools import cache

from django.db import connection
from django.db.models import Model


# Worked out once per model and backend. The converters are bound to the connection
# that first asked, and read only settings through it (the time zone), never its state,
# so other threads' connections may use them.
@cache
def _plan(model: type[Model], exclude: tuple[str, ...], vendor: str) -> tuple:
    fields = [f for f in model._meta.concrete_fields if f.name not in exclude]
    assert fields[0].primary_key, "instance() tells a missing row by its primary key"
    converters = []
    for field in fields:
        column = field.get_col(model._meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        converters.append((found, column))
    return fields, [field.attname for field in fields], converters


def columns(model: type[Model], alias: str, *, exclude: tuple[str, ...] = ()) -> str:
    """The SELECT list for one model's row under a table alias."""
    fields, _names, _converters = _plan(model, exclude, connection.vendor)
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in fields)


def width(model: type[Model], *, exclude: tuple[str, ...] = ()) -> int:
    """How many values columns() selects, to slice a joined row."""
    return len(_plan(model, exclude, connection.vendor)[0])


def instance(model: type[Model], values, *, exclude: tuple[str, ...] = ()):
    """The model instance for one slice of a row (as columns() selected it), or None
    when the slice is a LEFT JOIN that found nothing."""
    _fields, names, converters = _plan(model, exclude, connection.vendor)
    if values[0] is None:  # the primary key comes first: no row joined
        return None
    converted = []
    for value, (functions, column) in zip(values, converters, strict=True):
        for convert in functions:
            value = convert(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, names, converted)
