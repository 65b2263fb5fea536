"""Fixtures of the end-to-end tests."""

from __future__ import annotations

import pytest

from tests.live_stack import Up


@pytest.fixture(scope="session")
async def live_stack(tmp_path_factory):
    """One `agentbuilder up` (embedded PostgreSQL, workers, Envoy) shared by the client tests."""
    up = await Up.start(tmp_path_factory.mktemp("live-stack") / "data")
    yield up
    assert await up.stop() == 0, up.output
