"""The engine's shape: no import cycle among its modules, and no side effect on import."""

import ast
import pathlib
import subprocess
import sys

PACKAGE = pathlib.Path(__file__).parent


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> theorytest modules it imports, at any depth of the file (functions included).

    `from theorytest import _fit` counts as an import of theorytest._fit; the package facade
    `theorytest` itself is left out (it re-exports everything and nothing imports it inside)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py") if not p.name.endswith("_test.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("theorytest"):
                for alias in node.names:
                    candidate = f"{node.module}.{alias.name}"
                    deps.add(candidate if candidate in modules else node.module)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("theorytest")}
        graph[name] = {d for d in deps if d != name and d != "theorytest" and d in modules}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return stack[stack.index(dep) :] + [dep]
            if dep not in state and (cycle := visit(dep)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_engine_has_no_import_cycle():
    graph = import_graph()
    assert "theorytest._claim" in graph and "theorytest.checks._base" in graph
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_verdicts_are_the_bottom_layer():
    assert import_graph()["theorytest._verdict"] == set()


def test_import_leaves_x64_as_it_was_and_claims_still_run_in_float64():
    # A fresh process: this test process opted into float64 in its conftest.
    program = (
        "import jax, jax.numpy as jnp\n"
        "import theorytest as tt\n"
        "assert not jax.config.jax_enable_x64, 'import theorytest switched float64 on'\n"
        "def exp(key, checkpoints):\n"
        "    return jnp.zeros(len(checkpoints)) + jnp.asarray(1.0).dtype.itemsize\n"
        "c = tt.Claim(id='x64-probe', paper=tt.Paper(title='t'), statement='s', experiment=exp,\n"
        "             sweep=tt.Sweep(checkpoints=(1, 2, 4)), seeds=2,\n"
        "             check=tt.Divergence(floor=1.0))\n"
        "r = tt.verify(c)\n"
        "assert r['curves'][0]['y'] == [8.0, 8.0, 8.0], r['curves']  # 8-byte floats inside the run\n"
        "assert not jax.config.jax_enable_x64, 'verify left float64 on'\n"
        "assert jnp.asarray(1.0).dtype == jnp.float32\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
