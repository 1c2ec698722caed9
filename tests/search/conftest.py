"""The served sample of generated practice examples (``generated.py``)."""

from pytest_plone import fixtures_factory
from tests.search.generated import GENERATED_FUNCTIONAL_TESTING


globals().update(
    fixtures_factory(
        ((GENERATED_FUNCTIONAL_TESTING, "generated_functional"),), keep_session=False
    )
)
