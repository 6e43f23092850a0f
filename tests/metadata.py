"""Readers over the app's metadata (DocType, report, workspace and fixture JSON, hooks, sources)."""

import ast
import csv
import json
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "followup_app"
MODULE_DIR = APP / "customer_followup"
MODULE = "Customer Followup"


def scrub(name: str) -> str:
	return name.replace(" ", "_").replace("-", "_").lower()


def load_json(path: Path):
	with open(path, encoding="utf-8") as handle:
		return json.load(handle)


def app_json_files() -> list[Path]:
	return sorted(path for path in APP.rglob("*.json") if "node_modules" not in path.parts)


@cache
def app_doctypes() -> dict[str, dict]:
	"""DocType name -> its JSON, for every DocType the app defines."""
	doctypes = {}
	for path in sorted(MODULE_DIR.glob("doctype/*/*.json")):
		if path.stem == path.parent.name:
			data = load_json(path)
			doctypes[data["name"]] = data
	return doctypes


@cache
def platform_doctypes() -> frozenset[str]:
	lines = (ROOT / "tests" / "data" / "platform_doctypes.txt").read_text(encoding="utf-8").splitlines()
	return frozenset(line for line in lines if line and not line.startswith("#"))


def known_doctypes() -> set[str]:
	return set(app_doctypes()) | platform_doctypes()


def report_files() -> list[Path]:
	return sorted(path for path in MODULE_DIR.glob("report/*/*.json") if path.stem == path.parent.name)


def workspace_files() -> list[Path]:
	return sorted(MODULE_DIR.glob("workspace/*/*.json"))


def python_files(base: Path = APP) -> list[Path]:
	return sorted(base.rglob("*.py"))


def js_files() -> list[Path]:
	return sorted(path for path in APP.rglob("*.js") if "node_modules" not in path.parts)


def defined_functions(module_path: Path) -> set[str]:
	tree = ast.parse(module_path.read_text(encoding="utf-8"))
	return {
		node.name
		for node in tree.body
		if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
	}


def module_file(dotted_module: str) -> Path | None:
	"""The file of an app module given as a dotted path, or None when it does not exist."""
	parts = dotted_module.split(".")
	candidate = ROOT.joinpath(*parts)
	if candidate.with_suffix(".py").is_file():
		return candidate.with_suffix(".py")
	if (candidate / "__init__.py").is_file():
		return candidate / "__init__.py"
	return None


def resolves_to_function(dotted_path: str) -> bool:
	module, _, attribute = dotted_path.rpartition(".")
	path = module_file(module) if module else None
	return bool(path) and attribute in defined_functions(path)


def hook_paths(value) -> list[str]:
	"""Every dotted path string anywhere inside a hooks.py value."""
	if isinstance(value, str):
		return [value] if re.fullmatch(r"[A-Za-z_][\w]*(\.[A-Za-z_]\w*)+", value) else []
	if isinstance(value, dict):
		return [path for item in value.values() for path in hook_paths(item)]
	if isinstance(value, list | tuple):
		return [path for item in value for path in hook_paths(item)]
	return []


def hooks() -> dict:
	namespace: dict = {}
	exec(compile((APP / "hooks.py").read_text(encoding="utf-8"), "hooks.py", "exec"), namespace)
	return {key: value for key, value in namespace.items() if not key.startswith("__")}


def translation_rows(lang: str = "zh") -> list[list[str]]:
	with open(APP / "translations" / f"{lang}.csv", encoding="utf-8", newline="") as handle:
		return [row for row in csv.reader(handle) if row]


@cache
def translations(lang: str = "zh") -> dict[str, str]:
	return {row[0]: row[1] for row in translation_rows(lang)}
