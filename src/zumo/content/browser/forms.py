"""The add and edit forms of a practice example: short for proposers.

Citizens and municipal staff who propose a practice example answer what
they know — title, summary, municipality, initial situation, approach,
results, topics and a contact with consent — on two short tabs. The other
tabs (settings, publication period, categorisation, ...) are for those who
review practice examples ("Review portal content": the institute), who
keep the full form.
"""

from plone import api
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm


#: The fields a proposer fills in, by tab (the first is the main tab).
PROPOSER_FIELDS = (
    "IBasic.title",
    "IBasic.description",
    "initial_situation",
    "approach",
    "results",
    "municipality",
    "ITopics.topics",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "contact_consent",
)
#: Who keeps the full form.
FULL_FORM = "Review portal content"


class ShortFormMixin:
    """Leaves proposers only the fields of ``PROPOSER_FIELDS``."""

    def full_form(self):
        """Whether the user keeps every field (the institute)."""
        return api.user.has_permission(FULL_FORM, obj=self.context)

    def updateFields(self):
        """Drop the fields and tabs that are not for proposers."""
        super().updateFields()
        if self.full_form():
            return
        self.fields = self.fields.select(
            *[name for name in self.fields if name in PROPOSER_FIELDS]
        )
        for group in self.groups:
            group.fields = group.fields.select(
                *[name for name in group.fields if name in PROPOSER_FIELDS]
            )
        self.groups = [group for group in self.groups if len(group.fields)]


class PracticeExampleAddForm(ShortFormMixin, DefaultAddForm):
    """The add form of a practice example."""

    portal_type = "PracticeExample"


class PracticeExampleAddView(DefaultAddView):
    """``++add++PracticeExample``."""

    form = PracticeExampleAddForm


class PracticeExampleEditForm(ShortFormMixin, DefaultEditForm):
    """The edit form of a practice example."""
