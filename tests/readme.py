"""The README's tested command blocks, and the grpcurl that runs them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def readme_block(marker: str) -> str:
    """The code block after `<!-- marker -->` in README.md."""
    text = (ROOT / "README.md").read_text()
    match = re.search(rf"<!-- {marker} -->\s*```\w+\n(.*?)```", text, re.S)
    assert match, f"README has no block marked {marker}"
    return match.group(1)


def grpcurl() -> str:
    """The grpcurl binary (`make tools` builds it into .tools/bin)."""
    found = shutil.which("grpcurl") or shutil.which(str(ROOT / ".tools/bin/grpcurl"))
    if not found:
        pytest.fail("grpcurl not found: `make tools` builds it into .tools/bin")
    return found
