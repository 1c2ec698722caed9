"""The download of a form's saved data, written by :mod:`zumo.policy.tabular`.

easyform's ``SaveData.download`` writes its CSV and TSV files with a plain
``csv.writer``, and its spreadsheet keeps a text that
starts with ``=`` as a formula: a visitor's answer ``=HYPERLINK(...)`` would
run in the institute's spreadsheet program. The saved-data page
(``actions/<action>/@@data``, easyform's download button) therefore writes
the file here, in the action's format (``DownloadFormat``: CSV, TSV or
XLSX), with the column titles if the action asks for them
(``UseColumnNames``) and the time each form was sent in the site's time
zone (easyform writes it in UTC). ``overrides.zcml`` puts this page in place of
easyform's.
"""

from collective.easyform.browser.actions import SavedDataForm
from collective.easyform.browser.actions import SavedDataFormWrapper
from plone.registry.interfaces import IRegistry
from plone.z3cform import layout
from zope.component import queryUtility
from zumo.content.dates import local_time
from zumo.policy.tabular import csv_text
from zumo.policy.tabular import xlsx_bytes


#: The separators a CSV download may use (the institute chooses on the page).
DELIMITERS = (",", ";", "\t", "|")
#: The column in which easyform keeps when a form was sent.
SENT = "dt"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _default_delimiter():
    """The separator of easyform's control panel, if it is one we write."""
    registry = queryUtility(IRegistry)
    chosen = registry.get("easyform.csv_delimiter") if registry is not None else None
    return chosen if chosen in DELIMITERS else ","


def row_values(action, row):
    """The values of the saved ``row`` of ``action`` (easyform's
    ``SaveData``) in the order of its columns, the time the form was sent
    (easyform's ``dt``, kept as UTC text) in the site's zone:
    ``06.12.2026 23:22 Uhr``."""
    return [
        local_time(value, long_format=True) if name == SENT else value
        for name, value in zip(
            action.getColumnNames(), action.get_row_data(row), strict=True
        )
    ]


def saved_data_file(action, delimiter=None):
    """``(body, content type, file extension)`` of the saved data of
    ``action`` (easyform's ``SaveData``) in its download format; a CSV file
    uses ``delimiter`` (default: easyform's setting)."""
    header = (
        action.get_header_row() if getattr(action, "UseColumnNames", False) else None
    )
    rows = [
        [action.serialize(value) for value in row_values(action, row)]
        for row in action.getSavedFormInput()
    ]
    kind = getattr(action, "DownloadFormat", "tsv")
    if kind == "xlsx":
        return xlsx_bytes(header, rows), XLSX, "xlsx"
    if kind == "csv":
        text = csv_text(header, rows, delimiter=delimiter or _default_delimiter())
        return text, "text/csv; charset=utf-8", "csv"
    return (
        csv_text(header, rows, delimiter="\t"),
        "text/tab-separated-values; charset=utf-8",
        "tsv",
    )


class SavedDataDownload(SavedDataFormWrapper):
    """easyform's saved-data page, whose download button sends the file
    written by :func:`saved_data_file`."""

    def __call__(self):
        """The file, or the page (with an error for a separator we do not
        write)."""
        if not hasattr(self.request, "form.buttons.download"):
            return super().__call__()
        delimiter = self.request.form.get("csv_delimiter")
        if delimiter is not None and delimiter not in DELIMITERS:
            self.form_instance._delimiter_missing = True
            return layout.FormWrapper.__call__(self)
        action = self.context.field
        body, content_type, extension = saved_data_file(action, delimiter)
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{action.name_for_download}.{extension}"',
        )
        return body


SavedDataView = layout.wrap_form(SavedDataForm, __wrapper_class=SavedDataDownload)
