"""The layers of docs/architecture.md, read from the source: every import runs downwards.

Plain Python over the code's import statements (ast); nothing is imported or run.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. A package may import its own floor's modules only within itself,
# and any package on a lower floor.
FLOORS = [
    {"plumbing", "verdicts"},
    {"reviews"},
    {"tools"},
    {"votes", "reports"},
    {"newsletter"},
    {"compare"},
]
FLOOR_OF = {package: level for level, packages in enumerate(FLOORS) for package in packages}
# Modules that only read, and the write modules they must never import.
READ_MODULES = {"selectors", "digest", "panel", "community", "shares", "ranking", "feeds"}
WRITE_MODULES = {"services", "tasks"}


def project_modules():
    for package in FLOOR_OF:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path


def imported_names(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module) for every absolute import in a file."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append((node.lineno, node.module))
            names.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return names


def violations(check) -> list[str]:
    found = []
    for package, path in project_modules():
        for line, name in imported_names(path):
            problem = check(package, path, name)
            if problem:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {name}: {problem}")
    return sorted(set(found))


def upward(package, path, name):
    target = name.split(".")[0]
    if target not in FLOOR_OF or target == package:
        return None
    if FLOOR_OF[target] >= FLOOR_OF[package]:
        return f"{target} is not below {package}"
    return None


def another_apps_views(package, path, name):
    parts = name.split(".")
    if parts[0] in FLOOR_OF and parts[0] != package and "views" in parts[1:]:
        return "an app never imports another app's views"
    return None


def read_imports_write(package, path, name):
    parts = name.split(".")
    if path.stem in READ_MODULES and parts[0] in FLOOR_OF and WRITE_MODULES & set(parts[1:]):
        return "a read module never imports a write module"
    return None


@pytest.mark.parametrize("check", [upward, another_apps_views, read_imports_write])
def test_imports_follow_the_layers(check):
    assert violations(check) == []


def test_the_rules_catch_what_they_forbid(tmp_path):
    assert upward("tools", Path("tools/views.py"), "compare.selectors")
    assert upward("verdicts", Path("verdicts/panel.py"), "plumbing.meta")
    assert upward("votes", Path("votes/views.py"), "tools.models") is None
    assert another_apps_views("newsletter", Path("newsletter/views.py"), "votes.views.private")
    assert another_apps_views("votes", Path("votes/urls.py"), "votes.views") is None
    assert read_imports_write("votes", Path("votes/selectors.py"), "votes.services.pair_order")
    assert read_imports_write("votes", Path("votes/views.py"), "votes.services") is None


def test_every_project_package_has_a_floor():
    packages = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench", "scripts"}
    }
    assert packages == set(FLOOR_OF)
