"""The floors contract (pyproject.toml, [tool.importlinter]): every import points down,
function-local ones included, and an import pointing up breaks it."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")


def _root_packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


def _lint_imports(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own tool, fixed arguments)
        [str(LINT_IMPORTS), "--config", str(where / "pyproject.toml"), "--no-cache"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def copy_of_the_code(tmp_path) -> Path:
    """The product's packages and the contract, copied: the test edits the copy only."""
    for package in _root_packages():
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.npz", "*.mo"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_to_its_floors():
    result = _lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_reaching_up_from_inside_a_function_breaks_the_contract(copy_of_the_code):
    # The kind of import the floors forbid and a circular-import dodge would hide: the
    # accounts floor asking moderation something, from inside a function.
    with (copy_of_the_code / "accounts" / "selectors.py").open("a") as module:
        module.write(
            "\n\ndef reaches_up():\n"
            "    from moderation.models import ReviewItem\n\n"
            "    return ReviewItem\n"
        )

    result = _lint_imports(copy_of_the_code)

    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "accounts.selectors -> moderation.models" in result.stdout


def test_a_lower_app_importing_a_higher_one_at_the_top_breaks_the_contract(copy_of_the_code):
    models = copy_of_the_code / "groups" / "models.py"
    models.write_text("from posts.models import Thread  # noqa: F401\n" + models.read_text())

    result = _lint_imports(copy_of_the_code)

    assert result.returncode != 0
    assert "groups.models -> posts.models" in result.stdout


def _cycles(graph, modules: set[str]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for start in sorted(modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start) & modules)))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, imported = work[-1]
            for other in imported:
                if other not in index:
                    index[other] = low[other] = len(index)
                    stack.append(other)
                    on_stack.add(other)
                    following = graph.find_modules_directly_imported_by(other) & modules
                    work.append((other, iter(sorted(following))))
                    break
                if other in on_stack:
                    low[module] = min(low[module], index[other])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        found.append(component)
    return found


def test_no_two_modules_import_each_other_even_through_others():
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph(*_root_packages())
    modules = {m for m in graph.modules if ".migrations" not in m}

    assert _cycles(graph, modules) == []


def test_the_cycle_finder_finds_a_circle():
    class Graph:
        edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

        def find_modules_directly_imported_by(self, module):
            return self.edges[module]

    assert _cycles(Graph(), {"a", "b", "c", "d"}) == [{"a", "b", "c"}]
