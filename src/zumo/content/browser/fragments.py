"""Parts of public pages rendered once for all anonymous visitors.

A practice example or a municipality looks the same to every anonymous
visitor: the public sees what the catalog and the object hold, in the
site's language, at the address it was asked for. Rendering its content
(facts box, sections, lists, suggestions) is most of the page's own work,
so :func:`for_the_public` remembers that HTML in RAM per process, for as
long as nothing it may show has changed:

* the committed state of the catalog (every change of any object that is
  catalogued, which includes a related object's title, workflow state or
  permissions, and new attachments; :func:`zumo.content.recordsets.state`),
* the committed state of the object itself (its ``_p_serial``),
* the minute (publication dates are checked to the minute, as the catalog
  does for anonymous visitors),
* the page's address (host, virtual hosting, the view's name), the
  portal's address and the request's language.

Signed-in visitors, requests with form data and transactions that changed
the object or the catalog always get the page rendered for them. The
memory holds text only, never a persistent object, and a GET writes
nothing.
"""

from plone import api
from zumo.content import recordsets


#: Up to 500 rendered parts (about 10–30 kB each: at most some 15 MB).
MEMORY = recordsets.Memory(500)


def for_the_public(view, render):
    """The HTML ``render()`` gives for ``view`` (a browser view of a
    catalogued object), remembered for anonymous visitors as the module
    says; rendered afresh for everyone else."""
    request = view.request
    context = view.context
    if (
        request.get("REQUEST_METHOD", "GET") != "GET"
        or request.form
        or not api.user.is_anonymous()
    ):
        return render()
    catalog = api.portal.get_tool("portal_catalog")
    committed = recordsets.state(catalog)
    context._p_activate()
    if committed is None or context._p_jar is None or context._p_changed:
        return render()
    key = (
        committed,
        recordsets.visitor(catalog),
        type(view).__name__,
        context._p_oid,
        context._p_serial,
        request.get("ACTUAL_URL"),
        api.portal.get().absolute_url(),
        request.get("LANGUAGE"),
    )
    return MEMORY.get(key, render)
