"""The README's configuration tables list exactly the settings the code reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_configuration_tables_are_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/config_table.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
