"""The Kommunalmonitoring of a municipality's team (seed 003): the page
``@@kommunalmonitoring`` in its team space (indicators with their latest
values, the Zielmatrizen with their evaluation dates, the self-assessments
beside the panel's released assessment), and the forms that record a value,
add a row to a Zielmatrix and record an evaluation."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.layout.viewlets import ViewletBase
from zumo.content import master_data
from zumo.content import monitoring
from zumo.content.browser.batching import one_text
from zumo.content.browser.views import german_number
from zumo.content.browser.views import matrix_rows
from zumo.content.browser.views import series_rows
from zumo.content.browser.views import ZumoView
from zumo.content.dates import local_time
from zumo.content.vocabularies import terms
from zumo.content.vocabularies import title_of
from zumo.policy import _
from zumo.policy.browser.actions import PostedAction
from zumo.policy.monitoring import comparison
from zumo.policy.monitoring import records


def _quote(key):
    return monitoring.quote(key)["quote"]


class MonitoringView(ZumoView):
    """``@@kommunalmonitoring``: the team's monitoring, for those who work
    in its space (its roster and the institute)."""

    def quote(self, key):
        """The words of seed 003 called ``key``."""
        return _quote(key)

    def source(self):
        """The quoted document as it names itself."""
        return monitoring.source()

    def may_add(self, portal_type):
        """The add address of ``portal_type`` here, if the user may add one."""
        allowed = [fti.getId() for fti in self.context.allowedContentTypes()]
        if portal_type not in allowed:
            return None
        return f"{self.context.absolute_url()}/++add++{portal_type}"

    def master_data(self):
        """The population from the master data, read-only, with its year,
        size class and source; ``None`` without a population."""
        context = self.context
        if context.population is None:
            return None
        return {
            "value_text": german_number(context.population),
            "year": context.population_year,
            "size_class": title_of("size_classes", context.size_class),
            "sources": master_data.source_note(context.master_data_source),
        }

    def indicators(self):
        """The team's indicators: ``title``, ``url``, ``unit``, ``latest``
        (the newest row, or ``None``) and ``rows`` (newest first)."""
        result = []
        for indicator in records.indicators_in(self.context):
            rows = series_rows(indicator)
            result.append(
                {
                    "title": indicator.Title(),
                    "url": indicator.absolute_url(),
                    "unit": indicator.unit,
                    "latest": rows[0] if rows else None,
                    "rows": rows,
                }
            )
        return result

    def matrices(self):
        """The team's Zielmatrizen: ``title``, ``url`` and ``rows``."""
        return [
            {
                "title": brain.Title,
                "url": brain.getURL(),
                "rows": matrix_rows(brain.getObject()),
            }
            for brain in api.content.find(
                context=aq_inner(self.context),
                depth=1,
                portal_type="TargetMatrix",
                sort_on="sortable_title",
            )
        ]

    def comparison(self):
        """The self-assessments beside the panel's released scores:
        ``columns`` (``label``, ``url``, ``kind`` "self" or "panel") and
        ``rows`` (one per factor: ``title`` and one cell text per column),
        and ``withheld`` (released reviews whose scores were not released
        with them: ``title``, ``url``)."""
        columns = []
        cells = {token: [] for token, _title in terms("review_criteria")}
        for item in comparison.self_assessments(self.context):
            columns.append(
                {
                    "label": local_time(item.date),
                    "url": item.absolute_url(),
                    "kind": "self",
                }
            )
            for row in item.rubric():
                cells[row["token"]].append(row["score"] or "–")
        withheld = []
        for review in comparison.released_reviews(self.context):
            scores = comparison.panel_scores(review)
            if scores is None:
                withheld.append({"title": review.Title(), "url": review.absolute_url()})
                continue
            columns.append(
                {"label": review.Title(), "url": review.absolute_url(), "kind": "panel"}
            )
            for token in cells:
                values = scores.get(token, [])
                mean = comparison.mean(values)
                cells[token].append(
                    f"{german_number(mean)} ({', '.join(str(v) for v in values)})"
                    if mean is not None
                    else "–"
                )
        return {
            "columns": columns,
            "rows": [
                {"title": title, "cells": cells[token]}
                for token, title in terms("review_criteria")
            ],
            "withheld": withheld,
        }


class MonitoringLinkViewlet(ViewletBase):
    """On an indicator, a Zielmatrix or a self-assessment: the way back to
    the team's Kommunalmonitoring."""

    def monitoring_url(self):
        """The address of the municipality's monitoring page."""
        space = aq_parent(aq_inner(self.context))
        return f"{space.absolute_url()}/@@kommunalmonitoring"


class RecordValueViewlet(ViewletBase):
    """On an indicator, for those who may change it: the form that adds a
    value with its date and source."""

    def render(self):
        """The form, or nothing for those who may not change the indicator."""
        if not api.user.has_permission("Modify portal content", obj=self.context):
            return ""
        return self.index()


class TargetMatrixFormsViewlet(ViewletBase):
    """On a Zielmatrix, for those who may change it: the forms that add a
    row and record the evaluation of a row."""

    def render(self):
        """The forms, or nothing for those who may not change the matrix."""
        if not api.user.has_permission("Modify portal content", obj=self.context):
            return ""
        return self.index()

    def quote(self, key):
        """The words of seed 003 called ``key``."""
        return _quote(key)

    def indicators(self):
        """The indicators of the team a row may name: ``uid``, ``title``."""
        space = aq_parent(aq_inner(self.context))
        return [
            {"uid": item.UID(), "title": item.Title()}
            for item in records.indicators_in(space)
        ]

    def intervals(self):
        """The evaluation intervals: ``[(token, title)]``."""
        return terms("evaluation_intervals")

    def rows(self):
        """The rows an evaluation may be recorded for: ``id``, ``label``."""
        return [
            {"id": row["id"], "label": f"{row['goal']} – {row['measure'] or '–'}"}
            for row in self.context.rows
        ]


class RecordValue(PostedAction):
    """``@@wert-erfassen``: adds a value to the indicator."""

    done = _("msg_value_recorded", default="Der Wert ist gespeichert.")

    def act(self):
        """Record the posted value."""
        form = self.request.form
        records.record_value(
            self.context,
            one_text(form, "date"),
            one_text(form, "value"),
            one_text(form, "source"),
        )
        return self.context


class AddTargetRow(PostedAction):
    """``@@zeile-hinzufuegen``: adds a row to the Zielmatrix."""

    done = _(
        "msg_target_row_added", default="Die Zeile ist der Zielmatrix hinzugefügt."
    )

    def act(self):
        """Add the posted row."""
        form = self.request.form
        records.add_row(
            self.context,
            goal=one_text(form, "goal"),
            measure=one_text(form, "measure"),
            indicator=one_text(form, "indicator"),
            target=one_text(form, "target"),
            interval=one_text(form, "interval"),
            next_date=one_text(form, "next_date"),
        )
        return self.context


class RecordEvaluation(PostedAction):
    """``@@evaluation-festhalten``: records the evaluation of a row and
    moves its next date on by its interval."""

    done = _(
        "msg_evaluation_recorded",
        default="Die Evaluation ist festgehalten; der nächste Prüftermin ist "
        "um das Intervall weitergerückt.",
    )

    def act(self):
        """Record the posted evaluation."""
        form = self.request.form
        records.record_evaluation(
            self.context,
            one_text(form, "row"),
            one_text(form, "date"),
            one_text(form, "note"),
        )
        return self.context
