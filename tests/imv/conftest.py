"""Fixtures of the integrated management procedure's tests (seed 001)."""

from pathlib import Path

import pytest


SEEDS = Path(__file__).parents[2] / "docs" / "seeds"


@pytest.fixture
def seed_lines():
    """``seed_lines("001")``: the lines of that source document, as in
    ``docs/seeds/``, whitespace collapsed (line ``n`` at index ``n - 1``)."""

    def lines(seed):
        (path,) = SEEDS.glob(f"{seed}_*.txt")
        return [" ".join(line.split()) for line in path.read_text().splitlines()]

    return lines
