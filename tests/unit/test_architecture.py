"""ARCHITECTURE.md matches the tree: every module it names exists, and every module and package of
the code is named in it (a new module without its line in the map fails here)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def modules() -> list[Path]:
    return [
        p
        for top in ("metrics", "dashboard")
        for p in (ROOT / top).rglob("*.py")
        if p.name != "__init__.py" and not p.name.startswith("_")
    ]


def test_every_path_the_map_names_exists():
    named = set(re.findall(r"`((?:metrics|dashboard)/[\w/.]*)`", DOC))
    assert len(named) > 15
    missing = sorted(n for n in named if not (ROOT / n).exists())
    assert not missing, missing


def test_every_module_and_package_is_on_the_map():
    words = set(re.findall(r"\w+", DOC))
    missing = [str(p.relative_to(ROOT)) for p in modules() if p.stem not in words]
    packages = {p.parent for p in ROOT.joinpath("metrics").rglob("__init__.py")}
    missing += [str(p.relative_to(ROOT)) for p in packages if p.name not in words]
    assert not missing, f"not in ARCHITECTURE.md: {missing}"


def test_every_package_says_what_it_may_import():
    for init in ROOT.joinpath("metrics").rglob("__init__.py"):
        if init.parent.name in ("metrics",):
            continue
        assert "May import" in init.read_text(encoding="utf-8"), init
