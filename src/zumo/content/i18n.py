"""Messages as text: the one way both packages translate (``zumo.policy``
imports it from here, as it does the content types)."""

from zope.i18n import translate


def translated(message, request=None):
    """``message`` (a ``zope.i18nmessageid.Message``) as text: in the
    language of ``request``, or in German without a request, as mails,
    refusals and stored texts are written whoever triggers them."""
    if request is None:
        return translate(message, target_language="de")
    # The language Plone negotiated for the request (``LANGUAGE``, set on
    # traversal), as its templates translate into; negotiating it again for
    # each message costs more than the translation.
    return translate(
        message, context=request, target_language=request.get("LANGUAGE") or None
    )
