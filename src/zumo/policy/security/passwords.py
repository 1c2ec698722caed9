"""Passwords are stored with bcrypt, a slow hash (OWASP's advice).

Plone stores a password with AuthEncoding's ``pw_encrypt`` and its default
scheme, a salted SHA-1 (``{SSHA}``) that a stolen database gives away
quickly; AuthEncoding offers bcrypt (``{BCRYPT}``) once the ``bcrypt``
package is installed, but has no setting for the scheme PAS and PlonePAS
use. So the default of ``pw_encrypt`` is bcrypt from the moment this
module is loaded (ZCML loads it with the login subscribers): every new or
changed password is stored with bcrypt. A password kept in an older scheme
is stored anew as bcrypt at the next successful login by POST
(:func:`upgrade_hash`, called by :mod:`zumo.policy.security.logins`), the
only moment its plain text is known.

AuthEncoding's bcrypt takes bcrypt's default cost (12: checking a password
takes some 0.2 s); a hash says its own cost, so it is checked whatever
cost it was stored with.
"""

from AuthEncoding import AuthEncoding
from zope.component.hooks import getSite


#: The scheme every password is stored with.
SCHEME = "BCRYPT"
PREFIX = b"{" + SCHEME.encode("ascii") + b"}"

AuthEncoding.pw_encrypt.__defaults__ = (SCHEME,)


def upgrade_hash(name, password):
    """Store the password of the member with the login ``name`` as bcrypt
    if it is kept in another scheme; ``password`` has just been checked.
    Whether it was stored anew."""
    site = getSite()
    manager = getattr(site, "acl_users", None) and site.acl_users.get("source_users")
    if manager is None:
        return False
    try:
        userid = manager.getUserIdForLogin(name)
    except KeyError:
        return False
    reference = manager._user_passwords.get(userid)
    if reference is None:
        return False
    if isinstance(reference, str):
        reference = reference.encode("utf-8")
    if reference.startswith(PREFIX):
        return False
    manager.updateUserPassword(userid, password)
    return True
