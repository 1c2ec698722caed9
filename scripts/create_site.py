"""Create the ZUMO Netzwerk site if it is missing.

Run with ``zconsole run instance/etc/zope.conf scripts/create_site.py``
(``make create-site`` does). Settings come from the environment:

``ZUMO_ADMIN_PASSWORD``  password of the Zope user ``admin`` (default ``admin``)
``ZUMO_DEMO``            ``1`` gives a new site the demo network (the profile
                         ``zumo.policy:demo``; default), ``0`` leaves it out
``ZUMO_CACHING_PROXY``   URL of the caching proxy in front of the site (the
                         cluster mode's Varnish); unset: no caching, no purges
"""

from zumo.policy.setuphandlers.site import run

import logging
import os
import sys


def main(app):
    """Create the site in ``app`` and report what happened."""
    progress = logging.getLogger("zumo")
    progress.setLevel(logging.INFO)
    progress.propagate = False
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    progress.addHandler(handler)
    # Stock Plone warns about things it does on every new site.
    for name in ("Products.MimetypesRegistry", "GenericSetup.componentregistry"):
        logging.getLogger(name).setLevel(logging.ERROR)
    password = os.environ.get("ZUMO_ADMIN_PASSWORD") or "admin"
    site = run(
        app,
        password,
        demo=os.environ.get("ZUMO_DEMO", "1") not in ("0", "false", "no", ""),
        caching_proxy=os.environ.get("ZUMO_CACHING_PROXY") or None,
    )
    print(f"Site ready: /{site.getId()} ({site.Title()})")
    # Closing writes the storage index, so the server starts without
    # scanning the whole Data.fs again.
    app._p_jar.db().close()


if __name__ == "__main__":
    main(app)  # noqa: F821 - zconsole binds ``app``
    sys.exit(0)
