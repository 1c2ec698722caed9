"""The add and edit forms of the six ZUMO types: only what the person fills in.

Plone's behaviors bring their own tabs to every form: "Kategorisierung"
(keywords, language, related items), "Eigentum" (creators, rights),
"Einstellungen" (short name, navigation, versioning) and "Freigabezeitraum"
(publication dates). They are for those who run the site (Manage portal:
Site Administrators, Managers), who keep the whole form. Those who review
content ("Review portal content": the institute) keep the publication
dates besides the type's own fields. Everybody else — municipal staff,
experts, citizens — fills in the type's own fields only.

Citizens and municipal staff who propose a practice example answer what
they know — title, summary, municipality, initial situation, approach,
results, topics and a contact with consent — on a few short tabs; the
rest of the example is for the institute, which reviews it.
"""

from plone import api
from plone.app.dexterity.behaviors.exclfromnav import IExcludeFromNavigation
from plone.app.dexterity.behaviors.id import IShortName
from plone.app.dexterity.behaviors.metadata import ICategorization
from plone.app.dexterity.behaviors.metadata import IOwnership
from plone.app.dexterity.behaviors.metadata import IPublication
from plone.app.dexterity.behaviors.nextprevious import INextPreviousToggle
from plone.app.discussion.behavior import IAllowDiscussion
from plone.app.relationfield.behavior import IRelatedItems
from plone.app.versioningbehavior.behaviors import IVersionable
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm
from zumo.content import _
from zumo.content import procedures


#: The fields a proposer fills in (the first tab is the main tab).
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
#: Plone's behaviors whose fields are the site's, not the content's.
TECHNICAL = (
    ICategorization,
    IOwnership,
    IShortName,
    IExcludeFromNavigation,
    IRelatedItems,
    IVersionable,
    IAllowDiscussion,
    INextPreviousToggle,
)
#: Who keeps the whole form, technical tabs included.
WHOLE_FORM = "Manage portal"
#: Who keeps the publication dates and the whole practice example.
REVIEWER = "Review portal content"


def _prefixes(*behaviors):
    return tuple(f"{behavior.__name__}." for behavior in behaviors)


class EssentialFieldsMixin:
    """Leaves each person the fields that are theirs to fill in."""

    def _permitted(self, permission):
        return bool(api.user.has_permission(permission, obj=self.context))

    def keeps(self, name):
        """Whether the field ``name`` (with its behavior's prefix) stays."""
        if name.startswith(_prefixes(*TECHNICAL)):
            return False
        if name.startswith(_prefixes(IPublication)):
            return self._permitted(REVIEWER)
        return True

    def updateFields(self):
        """Drop the fields and tabs that are not the person's."""
        super().updateFields()
        if self._permitted(WHOLE_FORM):
            return
        self.fields = self.fields.select(*filter(self.keeps, self.fields))
        for group in self.groups:
            group.fields = group.fields.select(*filter(self.keeps, group.fields))
        self.groups = [group for group in self.groups if len(group.fields)]


class ProposerFieldsMixin(EssentialFieldsMixin):
    """A practice example: proposers (who do not review) get only
    ``PROPOSER_FIELDS``."""

    def keeps(self, name):
        """The proposer's fields, or the essential ones for reviewers."""
        if not self._permitted(REVIEWER):
            return name in PROPOSER_FIELDS
        return super().keeps(name)


class ZumoAddForm(EssentialFieldsMixin, DefaultAddForm):
    """The add form of a ZUMO type."""


class ZumoAddView(DefaultAddView):
    """``++add++<type>`` of a ZUMO type."""

    form = ZumoAddForm


class TeamRecordAddForm(DefaultAddForm):
    """The add form of a team record (a Verfahrensschritt, a documented
    workshop, an action plan): the path's "Schritt dokumentieren" opens it
    with the step's values filled in from the address
    (``?form.widgets.step=…``). Plone takes values from a GET request only
    where a form allows it, and only from its own pages (the referrer
    check stays)."""

    allow_prefill_from_GET_request = True


class TeamRecordAddView(DefaultAddView):
    """``++add++<type>`` of a team record."""

    form = TeamRecordAddForm


class ZumoEditForm(EssentialFieldsMixin, DefaultEditForm):
    """The edit form of a ZUMO type."""


class DecisionFieldsMixin(EssentialFieldsMixin):
    """A Verfahrensschritt asks who decided only for a step that is a
    decision (the mandate); there its date is the day of the decision.
    The form classes say which step they are about (``_step()``: path and
    step id)."""

    def _is_decision(self):
        return procedures.is_decision(*self._step())

    def keeps(self, name):
        """``decided_by`` only on a decision's form."""
        if name == "decided_by" and not self._is_decision():
            return False
        return super().keeps(name)

    def updateFields(self):
        """Drop ``decided_by`` also for those who keep the whole form."""
        super().updateFields()
        if not self._is_decision() and "decided_by" in self.fields:
            self.fields = self.fields.omit("decided_by")

    def updateWidgets(self, prefix=None):
        """The date of a decision is the day it was taken."""
        super().updateWidgets(prefix)
        if self._is_decision() and "date" in self.widgets:
            self.widgets["date"].label = _("label_decided_on", default="Beschlossen am")


def _first(value):
    """A request value that may come as a list (a select) as one string."""
    if isinstance(value, list | tuple):
        return value[0] if value else ""
    return value or ""


class ProcedureStepAddForm(DecisionFieldsMixin, TeamRecordAddForm):
    """The add form of a Verfahrensschritt (path and step come prefilled
    from ``@@verfahren``, as on every team record's add form)."""

    portal_type = "ProcedureStep"

    def _step(self):
        form = self.request.form
        return (
            _first(form.get("form.widgets.procedure")),
            _first(form.get("form.widgets.step")),
        )


class ProcedureStepAddView(DefaultAddView):
    """``++add++ProcedureStep``."""

    form = ProcedureStepAddForm


class ProcedureStepEditForm(DecisionFieldsMixin, DefaultEditForm):
    """The edit form of a Verfahrensschritt."""

    def _step(self):
        return self.context.procedure, self.context.step


class PracticeExampleAddForm(ProposerFieldsMixin, DefaultAddForm):
    """The add form of a practice example."""

    portal_type = "PracticeExample"


class PracticeExampleAddView(DefaultAddView):
    """``++add++PracticeExample``."""

    form = PracticeExampleAddForm


class PracticeExampleEditForm(ProposerFieldsMixin, DefaultEditForm):
    """The edit form of a practice example."""
