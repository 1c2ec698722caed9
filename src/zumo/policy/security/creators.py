"""Who reads the creators and contributors of an item (user ids).

A user id may carry a person's name. Dublin Core's ``creators`` and
``contributors`` (the ownership fields of ``plone.dublincore`` and
``plone.ownership``) get the field read permission "zumo: View creators",
which the rolemap gives to those who edit or review (Owner, Editor, the team
of a space, Reviewer, the institute, administrators); plone.restapi leaves
the fields out for everybody else, in GET and in ``@search?fullobjects``.
Listings (``@search`` summaries) name creators only to those who hold the
permission on the whole site, and nobody else may search by creator. The
byline, the contributors below the content, Plone's search page (nobody
else searches by creator there either) and the author link in the page
head name them only to those who hold it on the item; feeds name no author (``registry.xml``). See
``docs/privacy.md``.

Bylines name people or nobody: a creator is named by the full name of a
member of the site (:func:`person_name`), never by a user id, and a
technical account (the Zope ``admin`` that made the site and the demo, an
account without a name) is not named at all. Plone's folder listings name
no creator; its other listings ask ``pas_member``, which follows the rule.
"""

from plone import api
from plone.app.contenttypes.browser import folder
from plone.app.contenttypes.browser.folder import FolderView
from plone.app.dexterity.behaviors.metadata import IOwnership
from plone.app.layout import viewlets
from plone.app.layout.links.viewlets import AuthorViewlet
from plone.app.layout.viewlets.content import DocumentBylineViewlet
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from Products.CMFPlone.browser.search import AjaxSearch
from Products.CMFPlone.browser.search import Search
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.PlonePAS.browser.member import PASMemberView
from ZTUtils import make_query
from zumo.content.search.query import TEXT
from zumo.content.search.query import text_query
from zumo.policy.browser.searching import SearchAids

import os


#: The permission (title) and its id, as declared in ``permissions.zcml``.
CREATORS_PERMISSION = "zumo: View creators"
CREATORS_PERMISSION_ID = "zumo.ViewCreators"
#: The catalog indexes and columns that hold creators.
CREATOR_INDEXES = ("Creator", "listCreators")

IOwnership.setTaggedValue(
    READ_PERMISSIONS_KEY,
    {
        **IOwnership.queryTaggedValue(READ_PERMISSIONS_KEY, {}),
        "creators": CREATORS_PERMISSION_ID,
        "contributors": CREATORS_PERMISSION_ID,
    },
)


def may_read_creators(obj=None):
    """Whether the current user reads the creators of ``obj`` (of every item
    of the site when ``obj`` is None)."""
    return bool(
        api.user.has_permission(
            CREATORS_PERMISSION, obj=obj if obj is not None else api.portal.get()
        )
    )


def person_name(userid):
    """The full name of the site's member ``userid``; None for anybody who
    is no person of the site: an unknown id, an account of the Zope root
    (``admin``), a member without a full name."""
    if not userid or api.portal.get().acl_users.getUserById(userid) is None:
        return None
    member = api.user.get(userid=userid)
    return (member and member.getProperty("fullname") or "").strip() or None


class CreatorsByline(DocumentBylineViewlet):
    """Plone's byline, naming creators only to those who may read them, and
    only those who are people, by their full name."""

    index = ViewPageTemplateFile("templates/document_byline.pt")

    def people(self):
        """The full names of the creators who are people."""
        return [
            name for name in map(person_name, self.context.listCreators() or ()) if name
        ]

    def show_about(self):
        """Whether the byline names the creators."""
        return (
            super().show_about()
            and may_read_creators(self.context)
            and bool(self.people())
        )


class ContributorsViewlet(DocumentBylineViewlet):
    """Plone's list of contributors below the content, only for those who
    may read creators."""

    index = ViewPageTemplateFile(
        "document_contributors.pt", _prefix=os.path.dirname(viewlets.__file__)
    )

    def render(self):
        """The contributors, or nothing."""
        if not may_read_creators(self.context):
            return ""
        return super().render()


class PeopleMemberView(PASMemberView):
    """PlonePAS' ``pas_member`` helper, which Plone's folder listings ask for
    the name of each item's creator: a person's full name for those who may
    read creators, nothing for everybody else or a technical account."""

    def info(self, userid=None):
        """Plone's member information, with the names left empty unless
        the reader may read creators and ``userid`` is a person."""
        found = dict(super().info(userid))
        name = person_name(userid) if may_read_creators() else None
        found.update(
            fullname=name or "", name_or_id=name or "", username=userid if name else ""
        )
        return found


class CreatorBlindListing(FolderView):
    """Plone's folder listing without the items' bylines ("von …", as
    anonymous visitors see it): Plone writes them with the creator's id
    for an account without a name, the Zope ``admin`` included; the items'
    own pages name their people."""

    show_about = False

    @property
    def macros(self):
        """The template's macros (the other listings use the listing's)."""
        return self.index.macros

    def __call__(self):
        """The listing."""
        return self.index()


def _listing_template(name):
    return ViewPageTemplateFile(
        name, _prefix=os.path.join(os.path.dirname(folder.__file__), "templates")
    )


class CreatorBlindFolderListing(CreatorBlindListing):
    """``listing_view`` of a folder."""

    index = _listing_template("listing.pt")


class CreatorBlindFolderSummary(CreatorBlindListing):
    """``summary_view`` of a folder."""

    index = _listing_template("listing_summary.pt")


class CreatorBlindFolderTable(CreatorBlindListing):
    """``tabular_view`` of a folder."""

    index = _listing_template("listing_tabular.pt")


class AuthorLink(AuthorViewlet):
    """Plone's ``<link rel="author">`` in the page head (the creator's
    author page), only for those who may read creators."""

    def show(self):
        """Whether the page head links the creator's author page: only a
        person's, for those who may read creators."""
        return (
            super().show()
            and may_read_creators(self.context)
            and person_name(self.context.Creator()) is not None
        )


class CreatorBlindQuery:
    """Plone's search page leaves out the creator criteria (``Creator``,
    ``listCreators``) of those who may not read creators, as ``@search``
    does, so that its results cannot tell who made what."""

    def filter_query(self, query):
        """Plone's query, without creator criteria the user may not ask."""
        query = super().filter_query(query)
        if query and not may_read_creators():
            for index in CREATOR_INDEXES:
                query.pop(index, None)
        return query or None


class GermanTextQuery:
    """Plone's search page and live search take the typed words as the
    finder and ``@search`` do (:func:`zumo.content.search.query.text_query`)
    instead of Plone's ``munge_search_term``."""

    def filter_query(self, query):
        """Plone's query, its ``SearchableText`` the site's text query;
        None (no results) when the text holds no word."""
        text = (query or {}).get(TEXT) or self.request.form.get(TEXT, "")
        query = super().filter_query(query)
        if query and query.get(TEXT):
            query[TEXT] = text_query(text)
            if query[TEXT] is None:
                return None
        return query


class CreatorBlindSearch(SearchAids, GermanTextQuery, CreatorBlindQuery, Search):
    """Plone's ``@@search`` page, with "Meinten Sie …?" and the matched
    words marked (:mod:`zumo.policy.browser.searching`); its template is
    Plone 6.2's with those two changes."""

    index = ViewPageTemplateFile("templates/search.pt")

    def __call__(self):
        """The search page."""
        return self.index()

    def search_text(self):
        """What the visitor typed."""
        text = self.request.form.get("SearchableText", "")
        return text.strip() if isinstance(text, str) else ""

    def search_for(self, text):
        """What the page's search finds with ``text`` instead."""
        query = self.filter_query({"SearchableText": text})
        return api.portal.get_tool("portal_catalog")(**query) if query else ()

    def url_with(self, text):
        """The page's search, filters kept, with ``text`` instead, from
        its first result."""
        form = {
            key: value
            for key, value in self.request.form.items()
            if key not in ("SearchableText", "b_start", "b_start:int")
        }
        return f"{self.request.URL}?{make_query(form, SearchableText=text)}"


class CreatorBlindAjaxSearch(GermanTextQuery, CreatorBlindQuery, AjaxSearch):
    """Plone's ``@@ajax-search`` (the live search's answers)."""
