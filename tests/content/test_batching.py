"""The page a request asks for (``zumo.content.browser.batching``): what
the listings do with numbers they cannot read (the site refuses them with
400 before any view runs, see tests/security/test_hardening.py)."""

from zumo.content.browser.batching import batch_start
from zumo.content.browser.batching import batch_window

import pytest


@pytest.mark.parametrize(
    ("form", "start"),
    [({}, 0), ({"b_start": "40"}, 40), ({"b_start": "-5"}, 0),
     ({"b_start": "x"}, 0), ({"b_start": ["20", "40"]}, 0)],
)  # fmt: skip
def test_the_start_is_a_number_from_0_on(form, start):
    assert batch_start(form) == start


def test_the_map_table_has_a_start_of_its_own():
    form = {"b_start": "100", "m_start": "20"}
    assert batch_start(form, "m_start") == 20
    assert batch_start({"m_start": "zwanzig"}, "m_start") == 0


@pytest.mark.parametrize(
    ("form", "window"),
    [({}, (0, 500)), ({"b_start": "10", "b_size": "50"}, (10, 50)),
     ({"b_size": "99999"}, (0, 1000)), ({"b_size": "0"}, (0, 1)),
     ({"b_start": "-3"}, (0, 500)), ({"b_start": "10", "b_size": "x"}, (0, 500)),
     ({"b_start": "x", "b_size": "50"}, (0, 500))],
)  # fmt: skip
def test_the_window_is_capped_and_unreadable_values_give_the_first_page(form, window):
    assert batch_window(form, 500, 1000) == window
