"""Files as they were sent: the upload of files into a folder
(``@@fileUpload``: folder contents, the editor's "Hochladen"), allowed types
checked before anything is made, and their downloads, served as stored.

plone.app.content's view set 403 for a type the folder does not allow but
went on and created the item all the same. Here the type the upload would
make (found as ``IDXFileFactory`` finds it, through the content type
registry, where the profile maps every file that is no image to a File:
a text file became a page without its text) is checked against the types
the user may add in this folder first; a refusal answers 403 with a German
message and writes nothing.

A download (``@@download``, ``@@display-file``, a version's
``@@download-version``) is served as stored: Plone's theme wrapped an
HTML file into a page, and plone.protect's transform, which checks that a
GET wrote nothing and then writes its script into every HTML page, wrote
it into every HTML file a member downloaded. The theme is off for a
download; plone.protect still checks but no longer writes into files.
"""

from AccessControl import getSecurityManager
from plone.app.dexterity.interfaces import IDXFileFactory
from plone.app.versioningbehavior.browser import DownloadVersion
from plone.base.permissions import AddPortalContent
from plone.namedfile.browser import Download
from plone.protect.auto import ProtectTransform
from plone.uuid.interfaces import IUUID
from Products.CMFCore.utils import getToolByName
from Products.Five.browser import BrowserView
from zope.component import adapter
from zope.interface import Interface
from ZPublisher.interfaces import IPubAfterTraversal
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.interfaces import IZumoPolicyLayer

import json
import mimetypes
import transaction


NOT_ALLOWED = _(
    "error_upload_not_allowed",
    default="Hier können Sie keine Datei dieser Art hochladen. Erlaubt sind "
    "nur die Inhaltstypen dieses Bereichs.",
)
NO_FILE = _("error_upload_no_file", default="Es wurde keine Datei gesendet.")


class CheckedFileUploadView(BrowserView):
    """plone.app.content's upload (without its resumable "tus" variant,
    which the site does not switch on), refusing a type the folder does not
    allow before it is created."""

    def _refuse(self, status, message):
        transaction.doom()  # whatever happened before: nothing is kept
        response = self.request.response
        response.setStatus(status)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return translated(message)

    def __call__(self):
        """Create the uploaded file, image or page; JSON of what was made."""
        if not getSecurityManager().checkPermission(AddPortalContent, self.context):
            return self._refuse(403, NOT_ALLOWED)
        if self.request.method != "POST":
            return ""
        upload = self.request.form.get("file")
        filename = getattr(upload, "filename", None)
        if not upload or not filename:
            return self._refuse(400, NO_FILE)
        content_type = mimetypes.guess_type(filename)[0] or ""
        registry = getToolByName(self.context, "content_type_registry")
        type_ = registry.findTypeName(filename.lower(), content_type, upload) or "File"
        allowed = {fti.getId() for fti in self.context.allowedContentTypes()}
        if type_ not in allowed:
            return self._refuse(403, NOT_ALLOWED)
        obj = IDXFileFactory(self.context)(filename, content_type, upload)
        result = {"type": "", "size": 0}
        for field in ("file", "image"):
            value = getattr(obj, field, None)
            if value is not None and hasattr(value, "getSize"):
                result = {"type": value.contentType, "size": value.getSize()}
        result.update(
            url=obj.absolute_url(), name=obj.getId(), UID=IUUID(obj), filename=filename
        )
        self.request.response.setHeader(
            "Content-Type", "application/json; charset=utf-8"
        )
        return json.dumps(result)


#: The views that download a stored file.
DOWNLOADS = (Download, DownloadVersion)


@adapter(Interface, IZumoPolicyLayer)
class ProtectTransformSparingFiles(ProtectTransform):
    """plone.protect's transform (``plone.protect.autocsrf``), which leaves
    a downloaded file as it is stored."""

    def transform(self, result, encoding):
        """The page with the CSRF token in its forms; a download unchanged."""
        if isinstance(self.request.get("PUBLISHED"), DOWNLOADS):
            return None
        return super().transform(result, encoding)


@adapter(IPubAfterTraversal)
def serve_files_unthemed(event):
    """Keep Plone's theme off a file's download (it wrapped an HTML file
    into a page of its own)."""
    request = event.request
    if IZumoPolicyLayer.providedBy(request) and isinstance(
        request.get("PUBLISHED"), DOWNLOADS
    ):
        request.response.setHeader("X-Theme-Disabled", "1")
