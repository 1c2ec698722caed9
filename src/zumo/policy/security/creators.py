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
"""

from plone import api
from plone.app.dexterity.behaviors.metadata import IOwnership
from plone.app.layout import viewlets
from plone.app.layout.links.viewlets import AuthorViewlet
from plone.app.layout.viewlets.content import DocumentBylineViewlet
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from Products.CMFPlone.browser import search as plone_search
from Products.CMFPlone.browser.search import AjaxSearch
from Products.CMFPlone.browser.search import Search
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

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


class CreatorsByline(DocumentBylineViewlet):
    """Plone's byline, naming creators only to those who may read them."""

    def show_about(self):
        """Whether the byline names the creators."""
        return super().show_about() and may_read_creators(self.context)


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


class AuthorLink(AuthorViewlet):
    """Plone's ``<link rel="author">`` in the page head (the creator's
    author page), only for those who may read creators."""

    def show(self):
        """Whether the page head links the creator's author page."""
        return super().show() and may_read_creators(self.context)


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


class CreatorBlindSearch(CreatorBlindQuery, Search):
    """Plone's ``@@search`` page."""

    index = ViewPageTemplateFile(
        "search.pt",
        _prefix=os.path.join(os.path.dirname(plone_search.__file__), "templates"),
    )

    def __call__(self):
        """The search page."""
        return self.index()


class CreatorBlindAjaxSearch(CreatorBlindQuery, AjaxSearch):
    """Plone's ``@@ajax-search`` (the live search's answers)."""
