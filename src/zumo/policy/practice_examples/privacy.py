"""Personal data: who may read the contact person of a practice example.

The contact fields carry the read permission "zumo: View contact data"
(``zumo.ViewContactData``), which the site gives the author and the
institute (``rolemap.xml``). With the contact's consent, each example also
gives it to everybody who may view the example; the HTML view, the REST
serializer and every other channel that honours field read permissions
then agree. See ``docs/privacy.md``.
"""

CONTACT_PERMISSION = "zumo: View contact data"


def apply_contact_consent(example, event=None):
    """Grant reading the contact of ``example`` to all viewers iff consented.

    Subscribed to the practice example being added or modified; also used
    by the upgrade step for existing examples.
    """
    roles = ("Anonymous",) if example.contact_consent else ()
    example.manage_permission(CONTACT_PERMISSION, roles, acquire=True)
