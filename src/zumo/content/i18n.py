"""Messages as text: the one way both packages translate (``zumo.policy``
imports it from here, as it does the content types), and the language of a
request chosen once for all its messages (:class:`RequestNegotiator`)."""

from zope.i18n import translate
from zope.i18n.negotiator import Negotiator


def translated(message, request=None):
    """``message`` (a ``zope.i18nmessageid.Message``) as text: in the
    language of ``request``, or in German without a request, as mails,
    refusals and stored texts are written whoever triggers them."""
    if request is None:
        return translate(message, target_language="de")
    return translate(message, context=request)


class RequestNegotiator(Negotiator):
    """zope.i18n's negotiator, choosing the language once per request for
    the languages a translation domain offers.

    Every message a page translates (a practice example's page: about 50,
    each ``i18n:translate`` of its templates) asked the request's preferred
    languages and normalised every available language again; the answer
    cannot change within a request once Plone has bound its language
    (``LANGUAGE``, part of the key). Registered in ``zumo.policy``'s
    ``overrides.zcml``. Outside a request (a mail, a script) it negotiates
    as zope.i18n does."""

    def getLanguage(self, langs, env):
        """The language of ``langs`` for the request ``env``."""
        other = getattr(env, "other", None)
        if not isinstance(other, dict):
            return super().getLanguage(langs, env)
        chosen = other.setdefault("_zumo_negotiated", {})
        key = (other.get("LANGUAGE"), tuple(langs))
        if key not in chosen:
            chosen[key] = super().getLanguage(langs, env)
        return chosen[key]


#: The negotiator utility (``zope.i18n.interfaces.INegotiator``).
negotiator = RequestNegotiator()
