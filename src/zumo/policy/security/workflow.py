"""Which workflow standard content follows, depending on where it lies.

Documents, files, images and folders inside a municipality's team space or
a mentoring group follow ``zumo_space_content_workflow`` (team only);
attachments inside a practice example, meeting, review or module follow
``zumo_attachment_workflow`` (the entry's own visibility); pages, folders
and forms elsewhere in a section of the network follow ``zumo_page_workflow``
(only the institute drafts and publishes), so that no stock workflow, whose
private state Contributors may read, governs anything in a section. Outside
the sections the chain configured in ``portal_workflow`` applies.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone.base.interfaces import IWorkflowChain
from plone.dexterity.interfaces import IDexterityContent
from Products.CMFCore.interfaces import IWorkflowTool
from Products.CMFPlone.workflow import ToolWorkflowChain
from zope.component import adapter
from zope.interface import implementer
from zumo.content.interfaces import IEntry
from zumo.content.interfaces import ISpace
from zumo.content.interfaces import IZumoContent
from zumo.policy.interfaces import ISection


@adapter(IDexterityContent, IWorkflowTool)
@implementer(IWorkflowChain)
def zumo_workflow_chain(context, workflow_tool):
    """Return the workflow chain of ``context`` (see module docstring)."""
    if IZumoContent.providedBy(context):
        return ToolWorkflowChain(context, workflow_tool)
    for container in aq_chain(aq_inner(context))[1:]:
        if ISpace.providedBy(container):
            return ("zumo_space_content_workflow",)
        if IEntry.providedBy(container):
            return ("zumo_attachment_workflow",)
        if ISection.providedBy(container):
            return ("zumo_page_workflow",)
    return ToolWorkflowChain(context, workflow_tool)
