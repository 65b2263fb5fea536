"""The README's configuration tables, rendered from the settings classes.

Usage:
    python scripts/config_table.py           # rewrite the tables in README.md (`make gen` runs it)
    python scripts/config_table.py --check   # exit 1 when README.md is out of date

Every setting is documented where it is declared (its Field description), so the README can
never list a variable that does not exist or miss one that does.
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys

from pydantic_settings import BaseSettings

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sandbox_worker.settings import WorkerSettings  # noqa: E402
from server.settings import Settings  # noqa: E402

README = ROOT / "README.md"
TABLES = {"server": Settings, "sandbox-worker": WorkerSettings}
# Defaults that depend on the machine are described instead of shown.
DESCRIBED_DEFAULTS = {("sandbox-worker", "slots"): "CPU count"}


def _env_names(name: str, settings: type[BaseSettings], field) -> str:
    alias = field.validation_alias
    if alias is not None and hasattr(alias, "choices"):
        names = [c for c in alias.choices if isinstance(c, str) and c.isupper()]
        return ", ".join(f"`{n}`" for n in names)
    return f"`{settings.model_config['env_prefix']}{name.upper()}`"


def _default(table: str, name: str, field) -> str:
    if (table, name) in DESCRIBED_DEFAULTS:
        return DESCRIBED_DEFAULTS[(table, name)]
    value = field.get_default(call_default_factory=True)
    if value is None or value == "":
        return "(unset)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def render(table: str) -> str:
    settings = TABLES[table]
    lines = ["| Setting | Environment variable | Default | Meaning |", "|---|---|---|---|"]
    for name, field in settings.model_fields.items():
        description = (field.description or "").replace("|", "\\|")
        if not description:
            raise SystemExit(f"{settings.__name__}.{name} has no description")
        env = _env_names(name, settings, field)
        lines.append(f"| `{name}` | {env} | {_default(table, name, field)} | {description} |")
    return "\n".join(lines) + "\n"


def rendered_readme(text: str) -> str:
    for table in TABLES:
        pattern = re.compile(rf"(<!-- config:{table} -->\n).*?(<!-- /config:{table} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no <!-- config:{table} --> block")
        text = pattern.sub(lambda m, t=table: m.group(1) + render(t) + m.group(2), text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check README.md")
    args = parser.parse_args()
    text = README.read_text()
    wanted = rendered_readme(text)
    if args.check:
        if wanted != text:
            sys.exit("README.md configuration tables are stale: run `make gen`")
        return
    README.write_text(wanted)


if __name__ == "__main__":
    main()
