"""Metadata conformance: what would break `bench migrate` or a user's desk fails here first."""

import ast
import importlib
import json
import keyword
import re

import pytest

from metadata import (
	APP,
	MODULE,
	MODULE_DIR,
	ROOT,
	app_doctypes,
	app_json_files,
	hook_paths,
	hooks,
	known_doctypes,
	load_json,
	module_file,
	python_files,
	report_files,
	resolves_to_function,
	scrub,
	workspace_files,
)

# The Options of DocField.fieldtype in Frappe v15.
FIELDTYPES = frozenset(
	(
		"Autocomplete|Attach|Attach Image|Barcode|Button|Check|Code|Color|Column Break|Currency|Data|Date|"
		"Datetime|Duration|Dynamic Link|Float|Fold|Geolocation|Heading|HTML|HTML Editor|Icon|Image|Int|JSON|"
		"Link|Long Text|Markdown Editor|Password|Percent|Phone|Read Only|Rating|Section Break|Select|"
		"Signature|Small Text|Tab Break|Table|Table MultiSelect|Text|Text Editor|Time"
	).split("|")
)
NO_VALUE_FIELDTYPES = frozenset(
	{"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading", "Fold"}
)
FIELDNAME = re.compile(r"^[a-z][a-z0-9_]*$")
DOCTYPES = sorted(app_doctypes().items())


def test_every_json_file_parses():
	assert app_json_files(), "the app ships JSON metadata"
	for path in app_json_files():
		load_json(path)


def test_module_is_declared():
	assert (APP / "modules.txt").read_text(encoding="utf-8").split() == MODULE.split()
	assert MODULE_DIR.is_dir() and (MODULE_DIR / "__init__.py").is_file()


@pytest.mark.parametrize(("name", "data"), DOCTYPES, ids=[name for name, _ in DOCTYPES])
def test_doctype_is_well_formed(name, data):
	folder = MODULE_DIR / "doctype" / scrub(name)
	assert data["doctype"] == "DocType"
	assert data["module"] == MODULE
	assert (folder / "__init__.py").is_file()
	controller = folder / f"{scrub(name)}.py"
	assert controller.is_file(), f"{name}: controller missing"
	class_name = name.replace(" ", "").replace("-", "")
	assert class_name in {
		node.name for node in ast.parse(controller.read_text()).body if isinstance(node, ast.ClassDef)
	}
	if not data.get("istable"):
		assert (folder / f"{scrub(name)}.js").is_file(), f"{name}: form script missing"
		assert data["permissions"], f"{name}: no permissions"
		for permission in data["permissions"]:
			assert permission["role"] and permission.get("read"), (
				f"{name}: permission rows need a role and read"
			)


@pytest.mark.parametrize(("name", "data"), DOCTYPES, ids=[name for name, _ in DOCTYPES])
def test_doctype_fields(name, data):
	fieldnames = [field["fieldname"] for field in data["fields"]]
	duplicates = {fieldname for fieldname in fieldnames if fieldnames.count(fieldname) > 1}
	assert not duplicates, f"{name}: duplicate fieldnames {duplicates}"
	assert data["field_order"] == fieldnames, f"{name}: field_order differs from fields"
	for field in data["fields"]:
		where = f"{name}.{field['fieldname']}"
		assert FIELDNAME.match(field["fieldname"]) and not keyword.iskeyword(field["fieldname"]), where
		assert field["fieldtype"] in FIELDTYPES, f"{where}: unknown fieldtype {field['fieldtype']}"
		if field["fieldtype"] in {"Link", "Table", "Table MultiSelect"}:
			assert field.get("options") in known_doctypes(), f"{where}: unknown target {field.get('options')}"
		if field["fieldtype"] in {"Table", "Table MultiSelect"}:
			target = app_doctypes().get(field["options"])
			assert target is None or target.get("istable"), (
				f"{where}: {field['options']} is not a child table"
			)
		if field["fieldtype"] == "Select":
			assert field.get("options"), f"{where}: Select without options"
			if field.get("default"):
				assert field["default"] in field["options"].split("\n"), f"{where}: default not an option"
		if field["fieldtype"] == "Dynamic Link":
			assert field.get("options") in fieldnames, f"{where}: Dynamic Link needs a sibling field"
		if field.get("fetch_from"):
			link_field = field["fetch_from"].split(".")[0]
			assert link_field in fieldnames, f"{where}: fetch_from uses unknown field {link_field}"
		if field["fieldtype"] not in NO_VALUE_FIELDTYPES:
			assert field.get("label"), f"{where}: needs a label"


def test_autoname_fields_exist():
	for name, data in DOCTYPES:
		autoname = data.get("autoname") or ""
		if autoname.startswith("field:"):
			assert autoname[6:] in {field["fieldname"] for field in data["fields"]}, name


def test_custom_fields_are_valid():
	custom_fields = importlib.import_module("followup_app.setup.custom_fields").CUSTOM_FIELDS
	for doctype, fields in custom_fields.items():
		assert doctype in known_doctypes()
		fieldnames = [field["fieldname"] for field in fields]
		assert len(set(fieldnames)) == len(fieldnames), f"{doctype}: duplicate custom fieldnames"
		for field in fields:
			assert FIELDNAME.match(field["fieldname"]), field["fieldname"]
			assert field["fieldtype"] in FIELDTYPES, field
			assert field.get("insert_after"), f"{field['fieldname']}: insert_after is required"
			assert field.get("module") == MODULE
			if field["fieldtype"] == "Link":
				assert field["options"] in known_doctypes(), field


@pytest.mark.parametrize("path", workspace_files(), ids=lambda path: path.stem)
def test_workspace_links_resolve(path):
	data = load_json(path)
	assert data["doctype"] == "Workspace" and data["module"] == MODULE and data["name"] == data["label"]
	assert path.parent.name == scrub(data["name"])
	reports = {load_json(report)["name"] for report in report_files()}
	cards = set()
	for link in data["links"]:
		if link["type"] == "Card Break":
			cards.add(link["label"])
		elif link["link_type"] == "DocType":
			assert link["link_to"] in known_doctypes(), link
		elif link["link_type"] == "Report":
			assert link["link_to"] in reports, link
	for shortcut in data["shortcuts"]:
		if shortcut["type"] == "DocType":
			assert shortcut["link_to"] in known_doctypes(), shortcut
		elif shortcut["type"] == "Report":
			assert shortcut["link_to"] in reports, shortcut
	shortcuts = {shortcut["label"] for shortcut in data["shortcuts"]}
	number_cards = {card["label"] for card in data["number_cards"]}
	charts = {chart["label"] for chart in data["charts"]}
	for block in json.loads(data["content"]):
		kind = block["type"]
		if kind == "card":
			assert block["data"]["card_name"] in cards, block
		elif kind == "shortcut":
			assert block["data"]["shortcut_name"] in shortcuts, block
		elif kind == "number_card":
			assert block["data"]["number_card_name"] in number_cards, block
		elif kind == "chart":
			assert block["data"]["chart_name"] in charts, block


@pytest.mark.parametrize("path", workspace_files(), ids=lambda path: path.stem)
def test_workspace_filters_are_plain_conditions(path):
	"""Frappe v16 reads shortcut counts with its query builder, which refuses the fifth (boolean)
	element v15's desk wrote into a filter; a filter is [doctype, field, operator, value]."""
	for shortcut in load_json(path)["shortcuts"]:
		for condition in json.loads(shortcut.get("stats_filter") or "[]"):
			assert isinstance(condition, list) and len(condition) == 4, (shortcut["label"], condition)


@pytest.mark.parametrize("path", report_files(), ids=lambda path: path.stem)
def test_report_is_well_formed(path):
	data = load_json(path)
	assert data["doctype"] == "Report" and data["module"] == MODULE
	assert path.parent.name == scrub(data["name"])
	assert data["ref_doctype"] in known_doctypes()
	assert data["roles"], f"{data['name']}: no roles"
	if data["report_type"] == "Script Report":
		assert "execute" in ast.dump(ast.parse(path.with_suffix(".py").read_text()))
		assert path.with_suffix(".js").is_file()


def test_fixtures_are_records_of_known_doctypes():
	for path in sorted((APP / "fixtures").glob("*.json")):
		records = load_json(path)
		assert isinstance(records, list) and records, path.name
		for record in records:
			assert record["doctype"] in known_doctypes() and record.get("name"), record


def test_hooks_resolve_to_app_functions():
	app_hooks = hooks()
	assert app_hooks["app_name"] == "followup_app"
	assert app_hooks["required_apps"] == ["erpnext"]
	paths = [
		path for key, value in app_hooks.items() if key not in {"app_email"} for path in hook_paths(value)
	]
	assert paths, "hooks.py declares entry points"
	for path in paths:
		assert path.startswith("followup_app."), f"{path}: hooks must point into the app"
		assert resolves_to_function(path), f"{path}: does not resolve to a function"


def test_patches_resolve():
	for line in (APP / "patches.txt").read_text(encoding="utf-8").splitlines():
		line = line.strip()
		if line and not line.startswith(("#", "[")):
			assert module_file(line.split()[0]), f"patch {line} does not exist"


def test_core_does_not_import_frappe():
	for path in python_files(APP / "core"):
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			names = []
			if isinstance(node, ast.Import):
				names = [alias.name for alias in node.names]
			elif isinstance(node, ast.ImportFrom):
				names = [node.module or ""]
			for name in names:
				root = name.split(".")[0]
				assert root not in {"frappe", "erpnext"}, f"{path.relative_to(ROOT)} imports {name}"


def test_workspace_reaches_every_doctype_report_card_and_chart():
	data = load_json(workspace_files()[0])
	linked = {link["link_to"] for link in data["links"] if link["type"] == "Link"}
	doctypes = {name for name, doctype in app_doctypes().items() if not doctype.get("istable")}
	assert doctypes <= linked, f"not in the workspace: {doctypes - linked}"
	reports = {load_json(report)["name"] for report in report_files()}
	assert reports <= linked, f"not in the workspace: {reports - linked}"
	cards = {load_json(path)["name"] for path in sorted((MODULE_DIR / "number_card").glob("*/*.json"))}
	assert cards == {card["number_card_name"] for card in data["number_cards"]}
	charts = {load_json(path)["name"] for path in sorted((MODULE_DIR / "dashboard_chart").glob("*/*.json"))}
	assert charts == {chart["chart_name"] for chart in data["charts"]}


@pytest.mark.parametrize("path", sorted(MODULE_DIR.glob("number_card/*/*.json")), ids=lambda path: path.stem)
def test_number_card_is_well_formed(path):
	data = load_json(path)
	assert data["doctype"] == "Number Card" and data["module"] == MODULE and data["is_standard"] == 1
	assert path.parent.name == scrub(data["name"]) and data["label"] == data["name"]
	assert data["type"] == "Custom" and resolves_to_function(data["method"]), data["method"]
	assert data["document_type"] in known_doctypes(), "Custom cards need a document type for permissions"


@pytest.mark.parametrize(
	"path", sorted(MODULE_DIR.glob("dashboard_chart/*/*.json")), ids=lambda path: path.stem
)
def test_dashboard_chart_is_well_formed(path):
	data = load_json(path)
	assert data["doctype"] == "Dashboard Chart" and data["module"] == MODULE and data["is_standard"] == 1
	assert path.parent.name == scrub(data["name"]) and data["chart_name"] == data["name"]
	assert data["chart_type"] == "Report" and data["use_report_chart"] == 1
	assert data["report_name"] in {load_json(report)["name"] for report in report_files()}


def test_app_include_js_exists():
	for path in hook_paths_of_assets(hooks().get("app_include_js")):
		assert (APP / "public" / path.removeprefix("/assets/followup_app/")).is_file(), path


def test_followup_kpi_offers_every_kpi():
	script = (MODULE_DIR / "report" / "followup_kpi" / "followup_kpi.js").read_text(encoding="utf-8")
	offered = re.findall(r'value: "(\w+)", label: __\("([^"]+)"\)', script)
	kpis = importlib.import_module("followup_app.core.kpi").KPIS
	assert {key: label for key, label in offered if key in kpis} == {
		key: kpi.label for key, kpi in kpis.items()
	}


def hook_paths_of_assets(value) -> list[str]:
	if not value:
		return []
	return [value] if isinstance(value, str) else list(value)
