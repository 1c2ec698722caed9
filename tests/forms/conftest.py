"""The personas of the security scenario, served over HTTP."""

from tests.security.conftest import persona_request  # noqa: F401
from tests.security.conftest import served_scenario  # noqa: F401
