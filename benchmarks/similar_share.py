"""Share of the “similar municipalities” block in the practice example view.

Run by ``benchmarks/bench.py`` with ``zconsole run`` on the bench copy: as
an anonymous visitor, renders the view of the measured practice example and
computes its suggestions ``ROUNDS`` times each (after a warm-up) and prints
``{"view_ms", "similar_ms", "share"}`` as JSON on the last line.
"""

from AccessControl.SecurityManagement import noSecurityManager
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.interface import alsoProvides
from zumo.content.interfaces import IZumoContentLayer
from zumo.policy.interfaces import IZumoPolicyLayer

import json
import sys
import time


ROUNDS = 30


def timed(function, rounds=ROUNDS):
    """Median milliseconds of ``rounds`` calls of ``function``."""
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        function()
        times.append((time.perf_counter() - began) * 1000)
    return sorted(times)[len(times) // 2]


def main(app, path):
    """Print the medians and the share of the block."""
    app = makerequest(app, environ={"SERVER_NAME": "localhost", "SERVER_PORT": "80"})
    site = app["Plone"]
    setSite(site)
    noSecurityManager()
    request = app.REQUEST
    alsoProvides(request, IZumoPolicyLayer, IZumoContentLayer)
    example = site.unrestrictedTraverse(path.removeprefix("/Plone/"))
    view = api.content.get_view("practice-example-view", example, request)
    for _ in range(5):
        view()
    view_ms = timed(view)
    similar_ms = timed(view.similar)
    print(
        json.dumps(
            {
                "view_ms": round(view_ms, 2),
                "similar_ms": round(similar_ms, 2),
                "share": round(similar_ms / view_ms, 3),
            }
        )
    )


if __name__ == "__main__":
    main(app, sys.argv[-1])  # noqa: F821 - zconsole binds ``app``
    sys.exit(0)
