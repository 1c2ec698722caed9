"""The mail with a link to set a new password, sent so that nobody learns
from the answer who is a member.

The form ``mail_password`` and REST ``@users/<name>/reset-password`` answer
alike whether or not the login name exists; Plone's own said "could not be
found". Looking the member up, storing the reset key and writing the mail
take tens of milliseconds a request for an unknown name would not spend,
so the request only hands the login name to :data:`WORKER` once its
transaction has committed: the same, quick work either way. The worker, a
thread of the same process with a database connection of its own, does
the rest and sends the mail through :func:`zumo.policy.mail.mail`. A
process that stops before the worker is done loses the mail (the member
asks again), never a change.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from plone import api
from Products.CMFCore.permissions import SetOwnPassword
from Products.CMFPlone.RegistrationTool import get_member_by_login_name
from Testing.makerequest import makerequest
from urllib.parse import urlencode
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite
from zumo.content.i18n import translated as _t
from zumo.policy import _
from zumo.policy import logger
from zumo.policy.mail import mail

import queue
import threading
import transaction


#: How often the worker tries again when its write meets another one.
ATTEMPTS = 3


class ResetWorker:
    """One thread per process that sends the reset mails handed to it, one
    after the other (two at once would only conflict on Plone's store of
    reset keys)."""

    def __init__(self):
        self._jobs = queue.Queue()
        self._lock = threading.Lock()
        self._thread = None

    def submit(self, job):
        """Queue ``job`` (the arguments of :func:`reset`); start the thread
        if it is not running."""
        self._jobs.put(job)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="zumo-password-reset", daemon=True
                )
                self._thread.start()

    def _run(self):
        while True:
            job = self._jobs.get()
            try:
                reset(*job)
            except Exception:
                logger.exception("Password reset mail for %r failed", job[-1])
            finally:
                self._jobs.task_done()


#: The worker of this process.
WORKER = ResetWorker()


def send_reset_mail(login):
    """Have ``login``'s member mailed a link to set a new password, if there
    is such a member and they may; answer nothing about it either way."""
    if not isinstance(login, str) or not login.strip():
        return
    portal = api.portal.get()
    job = (
        portal._p_jar.db(),
        portal.getPhysicalPath(),
        portal.absolute_url(),
        login.strip(),
    )
    transaction.get().addAfterCommitHook(_hand_over, args=(job,))


def _hand_over(committed, job):
    if committed:
        WORKER.submit(job)


def reset(db, portal_path, portal_url, login):
    """In a connection of its own: store a reset key for the member with the
    login name ``login`` and mail them the link (below ``portal_url``, the
    site's address as the asking request saw it). Nothing for an unknown
    name, a member without address or one who may not set a password."""
    connection = db.open()
    try:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                app = makerequest(connection.root()["Application"])
                portal = app.unrestrictedTraverse(portal_path)
                setSite(portal)
                _reset(portal, portal_url, login)
                transaction.commit()
                return
            except ConflictError:
                transaction.abort()
                if attempt == ATTEMPTS:
                    raise
            finally:
                noSecurityManager()
                setSite(None)
    finally:
        transaction.abort()
        connection.close()


def _reset(portal, portal_url, login):
    member = get_member_by_login_name(portal, login, raise_exceptions=False)
    if member is None:
        logger.info("No password reset mail for %r: no such member", login)
        return
    user = portal.acl_users.getUserById(member.getId())
    newSecurityManager(None, user)
    address = member.getProperty("email")
    if not address or not api.user.has_permission(SetOwnPassword, obj=portal):
        logger.info("No password reset mail for %r: no address or not allowed", login)
        return
    tool = api.portal.get_tool("portal_password_reset")
    key = tool.requestReset(member.getId())["randomstring"]
    login = member.getUserName()
    link = f"{portal_url}/passwordreset/{key}?{urlencode({'userid': login})}"
    body = _t(
        _(
            "mail_password_reset",
            default="Guten Tag,\n\n"
            "für Ihr Benutzerkonto im ZUMO Netzwerk (Benutzername: ${login}) "
            "wurde ein neues Passwort angefordert. Über diesen Link legen Sie "
            "es fest:\n${url}\n\n"
            "Der Link gilt ${days} Tage und nur einmal. Wenn Sie kein neues "
            "Passwort angefordert haben, können Sie diese Nachricht einfach "
            "löschen; Ihr bisheriges Passwort gilt weiter.",
            mapping={
                "login": login,
                "url": link,
                "days": tool.getExpirationTimeout(),
            },
        )
    )
    subject = _t(
        _("mail_password_reset_subject", default="Neues Passwort für das ZUMO Netzwerk")
    )
    mail(address, subject, body)
