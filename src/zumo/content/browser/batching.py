"""A request's parameters, read alike everywhere: which page of a listing
it asks for (``b_start`` and ``b_size``, or a name of its own, as the map's
table ``m_start``) and a field that must be one text (:func:`one_text`).

``zumo.policy.security.limits`` refuses a ``b_start`` or ``b_size``
that is not one whole number from 0 on before any view runs (400, in
German) and reads it with :func:`number`; the views show the first page
for a value they cannot read.
"""

from plone.batching import Batch


def number(value):
    """``value`` as an ``int``, or ``None`` when it is not one number (a
    word, several values)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def one_text(form, name):
    """The value ``name`` of ``form`` as one string; ``""`` if it is missing
    or not one text (a repeated field, a record)."""
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def batch_start(form, name="b_start"):
    """The first item of the page that ``form`` asks for with ``name``: 0
    when it is missing, negative or not a number."""
    start = number(form.get(name, 0))
    return 0 if start is None else max(0, start)


def batch_window(form, default, maximum):
    """``(start, size)`` of the page that ``form`` asks for with ``b_start``
    and ``b_size``: the size from 1 to ``maximum``, ``default`` when not
    given; either value not a number gives the first page of ``default``."""
    size = number(form.get("b_size", default))
    start = number(form.get("b_start", 0))
    if size is None or start is None:
        return 0, default
    return max(0, start), min(maximum, max(1, size))


def catalog_batch(form, search, size, name="b_start", **query):
    """The page that ``form`` asks for with ``name`` of what ``search`` (a
    catalog search) finds for ``query``, as a ``Batch`` of ``size`` items:
    the catalog loads only the records of that page."""
    start = batch_start(form, name)
    return Batch(search(b_start=start, b_size=size, **query), size, start=start)
