"""The app's layers, read from its imports: Frappe's entry points → the domains → the platform →
`core/`. A product module imports only its own layer or lower ones, never the demo, benchmark or
testing helpers, and no import closes a circle. A new top-level folder must be given a layer here."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "followup_app"

# Top-level packages and modules by layer, top down.
LAYERS = (
	("entry", {"hooks", "customer_followup", "www", "setup", "patches"}),
	(
		"domain",
		{"visits", "complaints", "surveys", "points", "feedback", "customers", "kpi", "goals", "scheduling"},
	),
	("platform", {"platform"}),
	("core", {"core"}),
)
# Apart from the product: they may use it, it never uses them (`commands` is the bench command that
# loads the demo).
APART = {"demo", "commands", "benchmarks", "testing"}
RANK = {part: rank for rank, (_layer, parts) in enumerate(LAYERS) for part in parts}
# Folders that hold no Python the layers speak of.
NOT_CODE = {"public", "templates", "translations", "fixtures"}


def module_files() -> dict[str, Path]:
	"""Every module of the app by dotted name (a package by its own name)."""
	modules = {}
	for path in APP.rglob("*.py"):
		parts = list(path.relative_to(APP.parent).with_suffix("").parts)
		if parts[-1] == "__init__":
			parts.pop()
		modules[".".join(parts)] = path
	return modules


MODULES = module_files()


def imported(name: str, path: Path) -> set[str]:
	"""The app's modules that the module `name` imports, anywhere in its body."""
	package = name if path.name == "__init__.py" else name.rpartition(".")[0]
	targets = set()
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		if isinstance(node, ast.Import):
			targets.update(alias.name for alias in node.names)
		elif isinstance(node, ast.ImportFrom):
			base = node.module or ""
			if node.level:
				parent = package.split(".")[: len(package.split(".")) - node.level + 1]
				base = ".".join([*parent, base] if base else parent)
			targets.add(base)
			targets.update(f"{base}.{alias.name}" for alias in node.names)
	found = set()
	for target in targets:
		while target and target not in MODULES:
			target = target.rpartition(".")[0]
		if target.startswith("followup_app.") and target != name:
			found.add(target)
	return found


IMPORTS = {name: imported(name, path) for name, path in MODULES.items()}


def top(name: str) -> str:
	"""The top-level package or module of the app that `name` is in."""
	return name.partition(".")[2].partition(".")[0]


def is_test(name: str) -> bool:
	return name.rpartition(".")[2].startswith("test_")


def test_every_top_level_part_has_a_layer():
	parts = {top(name) for name in MODULES if name != "followup_app"}
	assert parts - set(RANK) - APART == set()
	folders = {path.name for path in APP.iterdir() if path.is_dir() and not path.name.startswith(("_", "."))}
	assert folders - set(RANK) - APART - NOT_CODE == set()


def upward_imports(name: str, targets: set[str]) -> list[str]:
	"""The imports of a product module that point up a layer or at a helper apart from the product."""
	return sorted(target for target in targets if top(target) in APART or RANK[top(target)] < RANK[top(name)])


def circles_in(graph: dict[str, set[str]]) -> list[list[str]]:
	"""The groups of modules whose imports lead round in a circle (Tarjan's components)."""
	index, low, stack, on_stack, circles = {}, {}, [], set(), []

	def visit(node):
		index[node] = low[node] = len(index)
		stack.append(node)
		on_stack.add(node)
		for target in graph.get(node, ()):
			if target not in index:
				visit(target)
				low[node] = min(low[node], low[target])
			elif target in on_stack:
				low[node] = min(low[node], index[target])
		if low[node] == index[node]:
			component = []
			while not component or component[-1] != node:
				component.append(stack.pop())
				on_stack.discard(component[-1])
			if len(component) > 1:
				circles.append(sorted(component))

	for name in graph:
		if name not in index:
			visit(name)
	return circles


@pytest.mark.parametrize("name", sorted(name for name in MODULES if name != "followup_app"))
def test_product_code_imports_only_its_layer_or_lower(name):
	if top(name) in APART or is_test(name):
		return
	assert upward_imports(name, IMPORTS[name]) == []


def test_testing_helpers_stand_on_the_platform_only():
	for name in MODULES:
		if top(name) == "testing":
			assert {top(target) for target in IMPORTS[name]} <= {"testing", "platform", "core"}, name


def test_no_import_closes_a_circle():
	assert circles_in(IMPORTS) == []


def test_the_checks_catch_what_they_guard_against():
	"""A made-up upward import and a made-up circle are reported; the real imports are read."""
	assert upward_imports("followup_app.platform.bulk", {"followup_app.visits.planner"}) == [
		"followup_app.visits.planner"
	]
	assert upward_imports("followup_app.visits.planner", {"followup_app.testing.fixtures"}) != []
	assert upward_imports("followup_app.visits.planner", {"followup_app.core.planning"}) == []
	graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
	assert circles_in(graph) == [["a", "b", "c"]]
	assert "followup_app.platform.timeline" in IMPORTS["followup_app.visits.playbooks"]
