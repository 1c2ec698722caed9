"""The personas of the security scenario, served over HTTP; each test
starts with fresh rate limits of the forms."""

from tests.security.conftest import persona_request  # noqa: F401
from tests.security.conftest import scenario  # noqa: F401
from tests.security.conftest import served_scenario  # noqa: F401
from zumo.policy.forms import mitmachen as forms

import pytest


@pytest.fixture(autouse=True)
def _fresh_limits():
    forms.limiter.clear()
    yield
    forms.limiter.clear()
