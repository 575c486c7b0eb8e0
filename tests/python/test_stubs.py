"""The .pyi stubs describe the package as it is: every public name, class member and function."""
import ast
import inspect
import pathlib

import makerscore
from makerscore import _core

PACKAGE = pathlib.Path(makerscore.__file__).parent


def stub_names(path):
    """Top-level names of a stub, and for each class its member names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names, classes = set(), {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
            classes[node.name] = {n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AnnAssign))
                                  and not isinstance(n, ast.AnnAssign)} | {
                n.target.id for n in node.body if isinstance(n, ast.AnnAssign)}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    classes = {c: {m for m in members if not m.startswith("_")} for c, members in classes.items()}
    return names, classes


def public(obj):
    return {n for n in dir(obj) if not n.startswith("_")}


def test_py_typed_is_shipped():
    assert (PACKAGE / "py.typed").exists()


def test_package_stub_matches():
    names, classes = stub_names(PACKAGE / "__init__.pyi")
    assert set(makerscore.__all__) <= names
    for cls in ("Rules", "Result"):
        runtime = public(getattr(makerscore, cls))
        assert classes[cls] == runtime, f"{cls}: stub {sorted(classes[cls] ^ runtime)} differ"


def test_core_stub_matches():
    names, classes = stub_names(PACKAGE / "_core.pyi")
    runtime = public(_core)
    assert names >= runtime, sorted(runtime - names)
    for name, members in classes.items():
        obj = getattr(_core, name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            assert members == public(obj), f"{name}: {sorted(members ^ public(obj))}"


def test_every_public_function_has_a_docstring():
    for obj in [makerscore.Rules, makerscore.Result, _core.Model, _core.Result, _core.Dataset]:
        for name in public(obj):
            assert getattr(obj, name).__doc__, f"{obj.__name__}.{name} has no docstring"
    for name in makerscore.__all__:
        assert getattr(makerscore, name).__doc__ or name == "__version__", name


def test_the_package_modules_import_one_way():
    """No module of the package imports another that imports it back, at the top or inside a function:
    _rules uses _result and _uncertainty, which use _data, _html and _core."""
    edges = {}
    for path in PACKAGE.glob("_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uses = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                uses.update([node.module] if node.module else [a.name for a in node.names])
        edges[path.stem] = uses - {"_core"}

    def reaches(start, goal, seen=()):
        return any(n == goal or (n not in seen and reaches(n, goal, seen + (n,))) for n in edges.get(start, ()))

    cycles = sorted(m for m in edges if reaches(m, m))
    assert not cycles, {m: sorted(edges[m]) for m in cycles}
