"""The README's map of the code names every package and every top-level module of bot/."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOP = ("bot", "standin", "storage", "prompts")


def _map() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it is built", 1)[1]
    return section.split("```", 2)[1]  # the first code block of that section


def _entries() -> set[str]:
    """Paths the map names (a folder/ or a module.py first on a line), under their folders."""
    names: set[str] = set()
    stack: list[tuple[int, str]] = []
    for line in _map().splitlines():
        match = re.match(r"( *)(\S+/|\S+\.py)(?:\s|$)", line)
        if not match:
            continue  # a description that runs on over two lines
        depth, word = len(match.group(1)), match.group(2)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        path = "".join(folder for _, folder in stack) + word
        names.add(path.rstrip("/"))
        if word.endswith("/"):
            stack.append((depth, word))
    return names


def _packages_and_top_modules() -> set[str]:
    found: set[str] = set()
    for top in TOP:
        for init in (ROOT / top).rglob("__init__.py"):
            found.add(init.parent.relative_to(ROOT).as_posix())
    found |= {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "bot").glob("*.py")
        if p.name != "__init__.py"
    }
    return found


def test_the_readme_map_names_every_package_and_top_level_module():
    missing = _packages_and_top_modules() - _entries()
    assert not missing, f"add these to the README's map (How it is built): {sorted(missing)}"


def test_the_readme_map_names_nothing_that_is_gone():
    gone = {
        entry for entry in _entries() if entry.split("/")[0] in TOP and not (ROOT / entry).exists()
    }
    assert not gone, f"the README's map names what no longer exists: {sorted(gone)}"


def test_the_readme_map_names_every_module_of_storage():
    section = _map()
    modules = {p.stem for p in (ROOT / "storage").glob("*.py") if p.stem != "__init__"}
    missing = {name for name in modules if not re.search(rf"\b{name}\b", section)}
    assert not missing, f"name these in the README's map (storage/): {sorted(missing)}"


def _block(package: str) -> str:
    """The map's lines of one bot/ package: its own line and those indented under it."""
    lines = _map().splitlines()
    name = package.split("/")[-1] + "/"
    for index, line in enumerate(lines):
        match = re.match(r"( *)(\S+)", line)
        if match and match.group(2) == name:
            depth = len(match.group(1))
            block = [line]
            for following in lines[index + 1 :]:
                indent = len(following) - len(following.lstrip())
                if following.strip() and indent <= depth:
                    break
                block.append(following)
            return "\n".join(block)
    return ""


def test_the_readme_map_names_every_module_of_each_bot_package():
    # A module of a feature's one shape (handlers, dialog, service, views, callbacks) is
    # named by the table under the map; every other module by its package's lines.
    shape = {"handlers", "dialog", "service", "views", "callbacks", "__init__"}
    missing = []
    for init in (ROOT / "bot").rglob("__init__.py"):
        package = init.parent.relative_to(ROOT).as_posix()
        block = _block(package)
        for module in init.parent.glob("*.py"):
            if module.stem not in shape and not re.search(rf"\b{module.stem}\b", block):
                missing.append(f"{package}/{module.name}")
    assert not missing, f"name these in the README's map under their package: {sorted(missing)}"


def test_the_readme_names_every_import_contract():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    contracts = re.findall(r'^name = "(.+)"$', pyproject.split("[tool.importlinter]", 1)[1], re.M)
    assert len(contracts) >= 8
    for contract in contracts:
        named = contract.split(":")[0].split("(")[0].strip()
        assert named in " ".join(readme.split()), f"the README should name: {contract}"
