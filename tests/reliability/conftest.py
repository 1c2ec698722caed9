"""The personas of the security scenario, in-process and served over HTTP."""

from tests.security.conftest import persona_request  # noqa: F401
from tests.security.conftest import scenario  # noqa: F401
from tests.security.conftest import served_scenario  # noqa: F401
