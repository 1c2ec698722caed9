"""Comments on practice examples (plone.app.discussion), moderated by the
institute: a comment is ``pending`` until the institute publishes it.

plone.restapi 9's ``@comments`` lists every comment of a conversation to
whoever may view the commented item, pending ones included (its serializer
checks the item, not each comment; Plone's own comment viewlet shows
pending comments only to moderators). :class:`ConversationSerializer` lists
only the comments the reader may view.
"""

from AccessControl import getSecurityManager
from plone.app.discussion.interfaces import IConversation
from plone.restapi.batching import HypermediaBatch
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.discussion import ConversationSerializer as Base
from plone.restapi.services.discussion.utils import can_reply
from plone.restapi.services.discussion.utils import can_view
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer
from zumo.policy.interfaces import IZumoPolicyLayer


@implementer(ISerializeToJson)
@adapter(IConversation, IZumoPolicyLayer)
class ConversationSerializer(Base):
    """plone.restapi's conversation, without the comments the reader may
    not view (those waiting for moderation)."""

    def __call__(self):
        """Return the visible comments, batched, as plone.restapi does."""
        view_comments = can_view(self.context)
        security = getSecurityManager()
        threads = [
            thread
            for thread in self.context.getThreads()
            if security.checkPermission("View", thread["comment"])
        ]
        batch = HypermediaBatch(self.request, threads)
        results = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "permissions": {
                "view_comments": view_comments,
                "can_reply": can_reply(self.context),
            },
        }
        if batch.links:
            results["batching"] = batch.links
        results["items"] = (
            [
                getMultiAdapter((thread["comment"], self.request), ISerializeToJson)()
                for thread in batch
            ]
            if view_comments
            else []
        )
        return results
