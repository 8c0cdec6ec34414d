"""The layers point one way: which packages of simulator/ may import which (docs/implementation-notes.md).

Every import counts, at the top of a module or inside a function, relative or absolute. The rules:

- ``model`` (the dynamics, scoring, population) imports nothing else of the project (but ``paths``);
- ``export`` (CSV and JSON) sits on the model; ``content`` (glossary, references, lessons) and
  ``sessions`` (store, replay) sit on both; none of them imports ``cli``, ``view`` or ``printout``;
- ``printout`` (the A4 reports) may draw with the view's ``theme`` and ``drawing`` modules, never with
  its scenes, app or widgets;
- ``view`` may use everything but ``cli``; ``cli`` sits on top;
- only ``view``, ``cli`` and ``printout`` import pygame; nothing imports through ``importlib`` or
  ``__import__``; the scene modules form no import circle (scenes open each other by name).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "simulator"

#: Layer of a module -> the layers it may import (its own layer always allowed).
#: Base modules (file locations, the compiled-code cache, the Python version guard) any layer may use.
BASE = {"paths", "jit_cache", "pycheck"}
ALLOWED = {
    "model": BASE,
    "export": BASE | {"model"},
    "content": BASE | {"model", "export"},
    "sessions": BASE | {"model", "export"},
    "printout": BASE | {"model", "content", "export", "sessions", "view.theme", "view.drawing"},
    "view": BASE | {"model", "content", "export", "sessions", "printout"},
    "cli": BASE | {"model", "content", "export", "sessions", "printout", "view"},
    "__main__": BASE | {"cli"},
    "": BASE,  # simulator/__init__.py
    **{b: set() for b in BASE},
}
PYGAME_LAYERS = {"view", "cli", "printout"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


@functools.lru_cache(maxsize=None)
def _tree(path: Path) -> ast.Module:
    """The parsed source of ``path`` (parsed once for all the tests of this module)."""
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``path``, with ``from X import name`` also as X.name."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.append((node.lineno, mod))
            out += [(node.lineno, f"{mod}.{a.name}") for a in node.names]
    return out


def _layer(module: str) -> str:
    """``simulator.view.drawing.chart`` -> ``view``; the module's own layer."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _sources():
    return sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


def _project_modules() -> set[str]:
    return {_module_name(p) for p in _sources()}


def _allowed(layer: str, target: str) -> bool:
    t = target.split(".")[1:]
    if not t or t[0] == layer:
        return True
    ok = ALLOWED.get(layer, set())
    return t[0] in ok or ".".join(t[:2]) in ok


def test_every_module_belongs_to_a_known_layer():
    unknown = {_layer(_module_name(p)) for p in _sources()} - set(ALLOWED)
    assert not unknown, f"simulator/ has packages the layering rules do not know: {sorted(unknown)}"


def test_layers_point_one_way():
    modules = _project_modules()
    bad = []
    for path in _sources():
        layer = _layer(_module_name(path))
        for line, target in _imports(path):
            if target.startswith("simulator") and target in modules and not _allowed(layer, target):
                bad.append(f"{path.relative_to(ROOT)}:{line} ({layer}) imports {target}")
    assert not bad, "imports against the layering:\n" + "\n".join(bad)


def test_model_imports_none_of_the_layers_above():
    above = ("cli", "view", "sessions", "export", "content", "printout")
    bad = [f"{p.relative_to(ROOT)}:{line} imports {t}" for p in (PKG / "model").rglob("*.py")
           for line, t in _imports(p) if t.split(".")[:2] in [["simulator", a] for a in above]]
    assert not bad, "\n".join(bad)


def test_only_view_cli_and_printout_import_pygame():
    bad = [f"{p.relative_to(ROOT)}:{line}" for p in _sources() if _layer(_module_name(p)) not in PYGAME_LAYERS
           for line, t in _imports(p) if t.split(".")[0] == "pygame"]
    assert not bad, "pygame imported outside view, cli and printout: " + ", ".join(bad)


def test_no_dynamic_imports():
    bad = []
    for p in _sources():
        for node in ast.walk(_tree(p)):
            if isinstance(node, ast.Name) and node.id == "__import__":
                bad.append(f"{p.relative_to(ROOT)}:{node.lineno} __import__")
        bad += [f"{p.relative_to(ROOT)}:{line} {t}" for line, t in _imports(p) if t.split(".")[0] == "importlib"]
    assert not bad, "\n".join(bad)
    assert not (PKG / "extra_commands.py").exists()


def test_scene_modules_form_no_import_circle():
    scenes = {_module_name(p): p for p in (PKG / "view" / "scenes").glob("*.py") if p.name != "__init__.py"}
    graph = {m: {t for _, t in _imports(p) if t in scenes and t != m} for m, p in scenes.items()}
    state: dict[str, int] = {}

    def visit(m, trail):
        if state.get(m) == 1:
            raise AssertionError("scene import circle: " + " -> ".join(trail + [m]))
        if state.get(m) == 2:
            return
        state[m] = 1
        for t in sorted(graph[m]):
            visit(t, trail + [m])
        state[m] = 2

    for m in sorted(graph):
        visit(m, [])


def test_the_table_of_published_figures_is_data_only():
    # model/published.py is read by every layer (checks, populations, content, view, printout): it imports no
    # other module of the project and nothing but the standard library's dataclasses.
    targets = {t.split(".")[0] for _, t in _imports(PKG / "model" / "published.py")}
    assert targets <= {"__future__", "dataclasses"}, targets

