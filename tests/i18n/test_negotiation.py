"""The language of a request is chosen once for all its messages
(``zumo.content.i18n.RequestNegotiator``, registered for the site)."""

from zope.component import getUtility
from zope.i18n import translate
from zope.i18n.interfaces import INegotiator
from zope.i18n.negotiator import Negotiator
from zope.i18nmessageid import Message
from zumo.content.i18n import RequestNegotiator


def test_registered(portal):
    """The site's negotiator is the one that remembers."""
    assert isinstance(getUtility(INegotiator), RequestNegotiator)


def test_chosen_once_per_request_and_languages(portal, monkeypatch):
    """Each set of offered languages is negotiated once per request and
    bound language; the page's messages are German as before."""
    asked = []
    negotiate = Negotiator.getLanguage

    def counting(self, langs, env):
        asked.append(tuple(langs))
        return negotiate(self, langs, env)

    monkeypatch.setattr(Negotiator, "getLanguage", counting)
    request = portal.REQUEST
    request.other.pop("_zumo_negotiated", None)
    message = Message("heading_similar", domain="zumo", default="x")
    texts = {translate(message, context=request) for _ in range(5)}
    assert texts == {"Ähnliche Kommunen haben das gemacht"}
    assert len(asked) == 1
    chooser = getUtility(INegotiator)
    assert chooser.getLanguage(["de", "en"], request) == "de"
    assert chooser.getLanguage(["de", "en"], request) == "de"
    assert len(asked) == 2
    request.other["LANGUAGE"] = "en"  # another binding: asked again
    chooser.getLanguage(["de", "en"], request)
    assert len(asked) == 3


def test_outside_a_request_as_zope_does(monkeypatch):
    """Without a request's ``other`` (a mail, a script) every call
    negotiates."""
    asked = []
    monkeypatch.setattr(
        Negotiator, "getLanguage", lambda self, langs, env: asked.append(1) or "de"
    )
    chooser = RequestNegotiator()
    for _ in range(3):
        assert chooser.getLanguage(["de"], object()) == "de"
    assert len(asked) == 3
