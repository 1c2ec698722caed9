"""Views that are no pages are not published.

Plone registers views that its code and templates call (mail templates,
macros, helpers, the adding views that add forms are published below) and
views that need what a link gives them (the number of a version). Called
bare by a browser they failed with server errors, also for anonymous
visitors; here they are not found (404), before they run.
"""

from plone.app.content.browser.adding import CMFAdding
from plone.app.contentrules.browser.adding import RuleAdding
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.namedfile.scaling import ImageScaling
from Products.CMFCore.utils import getToolByName
from Products.Five import BrowserView
from zExceptions import NotFound
from zope.component import adapter
from zope.publisher.interfaces.browser import IBrowserView
from ZPublisher.interfaces import IPubAfterTraversal
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.interfaces import IZumoPolicyLayer
from zumo.policy.security.histories import version_exists


#: Views that Plone calls from code and templates, never as a page, with
#: what they are.
NOT_PAGES = {
    "author-feedback-template": "the mail template of the author contact form",
    "contact-info-email": "the mail template of the contact form",
    "display_query_results": "plone.app.querystring's preview, called by the "
    "query widget with a query",
    "images-test": "plone.namedfile's test page of image scales",
    "mail_password_template": "the mail template of a password reset",
    "manage-portlets-macros": "macros of the portlet management",
    "pas_info": "PlonePAS' helper for templates (answers 418 by design)",
    "pas_member": "PlonePAS' helper for templates (answers 418 by design)",
    "pas_search": "PlonePAS' helper for templates (answers 418 by design)",
    "plone.outputfilters_captioned_image": "the template of captioned images",
    "ploneform-macros": "macros of the z3c.form templates",
    "registered_notify_template": "the mail template of a new account",
    "text-transform": "the rich text transform, called from templates",
    "updateSharingInfo": "plone.app.workflow's former AJAX answer of the "
    "Sharing page, which no script calls: it applied roles without the "
    "Sharing page's limits (zumo.policy.security.sharing) and then failed "
    "on its own macro",
    "update_version_before_edit": "CMFEditions' helper of edit forms",
    "update_version_on_edit": "CMFEditions' helper of edit forms",
    "version_file_view": "CMFEditions' version view of Archetypes files",
    "version_image_view": "CMFEditions' version view of Archetypes images",
}
#: Views that show, compare or restore versions of the context, with the
#: parameters that name the versions (``current``: the content as it is).
#: They failed on content without versions and on versions that do not
#: exist.
VERSION_VIEWS = {
    "version-view": ("version_id",),
    "download-version": ("version_id",),
    "revertversion": ("version_id",),
    "history": ("one", "two"),
}
#: Views that need a path segment after their name.
SEGMENT_VIEWS = {"redirect-to-uuid": "uuid"}
#: Views that need their context to provide a behaviour (a folderish type
#: without "restrict types" failed with a TypeError).
BEHAVIOUR_VIEWS = {"folder_constraintypes_form": ISelectableConstrainTypes}


def _missing_versions(view, request):
    """Whether a version ``view`` is asked for does not exist (a parameter of
    ``VERSION_VIEWS`` missing, not a number or beyond the history)."""
    repository = getToolByName(view.context, "portal_repository")
    if not hasattr(repository.getHistoryMetadata(view.context), "getLength"):
        return True  # no versions: an empty list
    for name in VERSION_VIEWS[view.__name__]:
        value = request.form.get(name, "current" if name != "version_id" else None)
        if value != "current" and not version_exists(view.context, value):
            return True
    return False


def _no_page(view, request):
    """Whether ``view`` (a published view) is no page as it was called."""
    name = getattr(view, "__name__", None)
    if name in NOT_PAGES:
        return True
    if name in VERSION_VIEWS:
        return _missing_versions(view, request)
    if name in SEGMENT_VIEWS:
        return getattr(view, SEGMENT_VIEWS[name], None) is None
    if name in BEHAVIOUR_VIEWS:
        return BEHAVIOUR_VIEWS[name](view.context, None) is None
    return False


def _not_found():
    """The refusal: 404 with the German message."""
    return NotFound(
        translated(
            _("error_no_page", default="Diese Adresse ist keine Seite der Website.")
        )
    )


class NoPageOfItsOwn:
    """An adding view: add forms are published below it; called itself it
    failed while Zope looked for its default page (before traversal ends,
    so ``refuse_views_that_are_no_pages`` comes too late)."""

    def browserDefault(self, request):
        """Not found."""
        raise _not_found()


class NotInstalled(BrowserView):
    """A view of an add-on whose code Plone loads but the site does not
    install (plone.app.multilingual's ``babel_utils`` and
    ``gtranslation_service`` failed on every object)."""

    def __call__(self):
        """Not found."""
        raise _not_found()


class FolderAdding(NoPageOfItsOwn, CMFAdding):
    """plone.app.content's adding view (``+``) of folders."""


class SiteRuleAdding(NoPageOfItsOwn, RuleAdding):
    """plone.app.contentrules' adding view of rules (``+rule``)."""


@adapter(IPubAfterTraversal)
def refuse_views_that_are_no_pages(event):
    """Answer 404 for a view that is no page as it was called."""
    request = event.request
    if not IZumoPolicyLayer.providedBy(request):
        return
    published = request.get("PUBLISHED")
    view = getattr(published, "__self__", published)
    if IBrowserView.providedBy(view) and _no_page(view, request):
        raise _not_found()


class ImageScales(NoPageOfItsOwn, ImageScaling):
    """plone.namedfile's ``@@images``: its scales are published below it;
    called bare it answered 400 while Zope looked for its default page,
    before the object's permissions were checked, so a private object
    answered otherwise than a missing one (404)."""
