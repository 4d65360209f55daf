import pytest

from .support import FakeClock


@pytest.fixture
def clock():
    return FakeClock()
