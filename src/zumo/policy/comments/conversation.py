"""Where comments are open: on published practice examples only.

Plone's conversation asks the registry, the item and its type, never the
item's state: the comment form appeared on a member's own draft and on a
submitted example, where nobody but the author and the institute reads
along. Here discussion is open only once the example is published; the
comment form (in the page and in REST ``@comments``) and the comments
viewlet follow Plone's ``@@conversation_view``.
"""

from plone import api
from plone.app.discussion.browser.conversation import ConversationView
from plone.memoize.view import memoize


#: The state in which an item may be discussed.
DISCUSSED_STATE = "published"


class PublishedConversationView(ConversationView):
    """Plone's ``@@conversation_view``, closed before publication."""

    @memoize
    def enabled(self):
        """Whether comments are open: Plone's settings, and published (asked
        by the comments viewlet and the form: answered once per request)."""
        if api.content.get_state(obj=self.context, default=None) != DISCUSSED_STATE:
            return False
        return super().enabled()
