"""Create the ZUMO Netzwerk site if it is missing.

Run with ``zconsole run instance/etc/zope.conf scripts/create_site.py``
(``make create-site`` does). Settings come from the environment:

``ZUMO_ADMIN_PASSWORD``  password of the Zope user ``admin`` (default ``admin``)
``ZUMO_DEMO``            ``1`` loads the demo network into a new site (default)
``ZUMO_DEMO_PATH``       where the demo network lies (default ``profiles/demo``)
``ZUMO_CACHING_PROXY``   URL of the caching proxy in front of the site (the
                         cluster mode's Varnish); unset: no caching, no purges
"""

from pathlib import Path
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
    demo_path = None
    if os.environ.get("ZUMO_DEMO", "1") not in ("0", "false", "no", ""):
        demo_path = Path(os.environ.get("ZUMO_DEMO_PATH", "profiles/demo"))
    site = run(
        app,
        password,
        demo_path=demo_path.resolve() if demo_path else None,
        caching_proxy=os.environ.get("ZUMO_CACHING_PROXY") or None,
    )
    print(f"Site ready: /{site.getId()} ({site.Title()})")
    # Closing writes the storage index, so the server starts without
    # scanning the whole Data.fs again.
    app._p_jar.db().close()


if __name__ == "__main__":
    main(app)  # noqa: F821 - zconsole binds ``app``
    sys.exit(0)
