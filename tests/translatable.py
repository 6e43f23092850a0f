"""Collects every user-facing string of the app, with where it comes from."""

import ast
import importlib
import json
import re

from metadata import (
	APP,
	app_doctypes,
	hooks,
	js_files,
	load_json,
	python_files,
	report_files,
	workspace_files,
)

JS_CALL = re.compile(r"""__\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`$]*)`)""")
JS_BUILT_CALL = re.compile(r"__\(\s*`[^`]*\$\{")  # a template with ${...}: no translation can match it
TRANSLATORS = ("_", "_lt")  # Python: frappe._ and frappe._lt, also called as frappe._(...)
HTML_TAG = re.compile(r"<[^>]+>")
JINJA_CALL = re.compile(r"""(?<![\w.])_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")


def _field_strings(field: dict) -> list[str]:
	strings = [field.get("label"), field.get("description")]
	if field.get("fieldtype") == "Select" and field.get("options"):
		strings += field["options"].split("\n")
	return [text for text in strings if text]


def doctype_strings() -> list[tuple[str, str]]:
	found = []
	for name, data in app_doctypes().items():
		found.append((name, f"DocType {name}"))
		for field in data["fields"]:
			found += [(text, f"{name}.{field['fieldname']}") for text in _field_strings(field)]
	return found


def custom_field_strings() -> list[tuple[str, str]]:
	custom_fields = importlib.import_module("followup_app.setup.custom_fields").CUSTOM_FIELDS
	return [
		(text, f"Custom Field {doctype}.{field['fieldname']}")
		for doctype, fields in custom_fields.items()
		for field in fields
		for text in _field_strings(field)
	]


def workspace_strings() -> list[tuple[str, str]]:
	found = []
	for path in workspace_files():
		data = load_json(path)
		found.append((data["label"], path.name))
		found += [(link["label"], path.name) for link in data["links"]]
		found += [(shortcut["label"], path.name) for shortcut in data["shortcuts"]]
		for block in json.loads(data["content"]):
			if block["type"] == "header":
				found.append(
					(HTML_TAG.sub("", block["data"]["text"]).replace("&amp;", "&").strip(), path.name)
				)
	return found


def report_strings() -> list[tuple[str, str]]:
	return [(load_json(path)["name"], path.name) for path in report_files()]


def fixture_strings() -> list[tuple[str, str]]:
	found = []
	for path in sorted((APP / "fixtures").glob("*.json")):
		for record in load_json(path):
			if record["doctype"] == "Role":
				found.append((record["role_name"], path.name))
	return found


def translator_calls(tree: ast.AST):
	"""The `_()` / `_lt()` / `frappe._()` calls of a module with their first argument."""
	for node in ast.walk(tree):
		if isinstance(node, ast.Call) and node.args:
			name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
			if name in TRANSLATORS:
				yield node, node.args[0]


def literal_texts(argument: ast.AST) -> list[str]:
	"""The literal strings a translated argument can be: the string itself, or each literal branch
	of `a if c else b` / `a or b`."""
	if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
		return [argument.value]
	if isinstance(argument, ast.IfExp):
		return literal_texts(argument.body) + literal_texts(argument.orelse)
	if isinstance(argument, ast.BoolOp):
		return [text for value in argument.values for text in literal_texts(value)]
	return []


def python_strings() -> list[tuple[str, str]]:
	found = []
	for path in python_files():
		for node, argument in translator_calls(ast.parse(path.read_text(encoding="utf-8"))):
			found += [(text, f"{path.relative_to(APP)}:{node.lineno}") for text in literal_texts(argument)]
	return found


def built_texts() -> list[str]:
	"""Where a translated text is built at run time (an f-string, a ${} template or a + join), which
	no row of a translation file can ever match."""
	found = []
	for path in python_files():
		for node, argument in translator_calls(ast.parse(path.read_text(encoding="utf-8"))):
			if isinstance(argument, ast.JoinedStr | ast.BinOp):
				found.append(f"{path.relative_to(APP)}:{node.lineno}")
	for path in js_files():
		found += [path.name for _match in JS_BUILT_CALL.finditer(path.read_text(encoding="utf-8"))]
	return found


def js_strings() -> list[tuple[str, str]]:
	found = []
	for path in js_files():
		for match in JS_CALL.finditer(path.read_text(encoding="utf-8")):
			text = next(group for group in match.groups() if group is not None)
			found.append((text.encode().decode("unicode_escape") if "\\" in text else text, path.name))
	return found


def template_strings() -> list[tuple[str, str]]:
	"""Texts the Jinja templates (pages, brief, mail parts) translate with `_("...")`."""
	found = []
	for path in sorted(APP.rglob("*.html")):
		for match in JINJA_CALL.finditer(path.read_text(encoding="utf-8")):
			found.append((next(group for group in match.groups() if group is not None), path.name))
	return found


def label_strings() -> list[tuple[str, str]]:
	"""Labels kept as data and translated where shown: KPI and count labels, report groupings, churn
	risk factors and bands, number cards and dashboard charts."""
	figures = importlib.import_module("followup_app.core.kpi").FIGURES
	found = [(figure.label, "core/kpi.py") for figure in figures.values()]
	definitions = ast.parse((APP / "kpi" / "definitions.py").read_text(encoding="utf-8"))
	for node in ast.walk(definitions):
		if isinstance(node, ast.Assign) and any(
			getattr(target, "id", "") == "GROUP_LABELS" for target in node.targets
		):
			found += [(value.value, "kpi/definitions.py GROUP_LABELS") for value in node.value.values]
	factors = importlib.import_module("followup_app.core.churn").FACTOR_LABELS
	found += [(label, "core/churn.py FACTOR_LABELS") for label in factors.values()]
	churn_risk = APP / "customer_followup" / "report" / "churn_risk" / "churn_risk.py"
	for node in ast.walk(ast.parse(churn_risk.read_text(encoding="utf-8"))):
		if isinstance(node, ast.Assign) and any(
			getattr(target, "id", "") == "BANDS" for target in node.targets
		):
			found += [(value.value, "churn_risk.py BANDS") for value in node.value.elts]
	for path in sorted((APP / "customer_followup" / "report").glob("*/*.py")):
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if not isinstance(node, ast.Call):
				continue
			if getattr(node.func, "id", "") == "Column" and len(node.args) > 2:
				found.append((node.args[2].value, path.name))
			found += [
				(keyword.value.value, path.name)
				for keyword in node.keywords
				if keyword.arg in ("label", "owner_label") and isinstance(keyword.value, ast.Constant)
			]
	categories = importlib.import_module("followup_app.setup.default_records").DEFAULT_FEEDBACK_CATEGORIES
	found += [(name, "shipped Feedback Category") for name in categories]  # a translated DocType
	for folder in ("number_card", "dashboard_chart"):
		for path in sorted((APP / "customer_followup" / folder).glob("*/*.json")):
			data = load_json(path)
			found.append((data.get("label") or data["chart_name"], path.name))
	return found


def hook_strings() -> list[tuple[str, str]]:
	return [(hooks()["app_title"], "hooks.py app_title")]


def all_strings() -> list[tuple[str, str]]:
	return (
		doctype_strings()
		+ custom_field_strings()
		+ workspace_strings()
		+ report_strings()
		+ fixture_strings()
		+ python_strings()
		+ js_strings()
		+ template_strings()
		+ hook_strings()
		+ label_strings()
	)
