"""Install, migrate and uninstall hooks: custom fields and the records the app ships."""

import json
from pathlib import Path

import frappe
from frappe import _
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.model.sync import sync_for
from frappe.query_builder.functions import Max

from followup_app.core.timeslots import is_placeholder_time
from followup_app.setup.custom_fields import CUSTOM_FIELDS
from followup_app.setup.default_records import (
	DEFAULT_BUSY_WINDOWS,
	DEFAULT_EMAIL_TEMPLATES,
	DEFAULT_FEEDBACK_CATEGORIES,
	DEFAULT_OUTCOME_RULES,
	DEFAULT_POLICIES,
	DEFAULT_SLA_RULES,
	DEFAULT_SURVEY_TEMPLATES,
	DEFAULT_TIERS,
	DEFAULT_VISIT_SCRIPTS,
)
from followup_app.setup.platform_permissions import grant_platform_permissions, revoke_platform_permissions

APP = "followup_app"
SETTINGS = "Followup Settings"
# Indexes the app adds to ERPNext tables: (doctype, columns, name).
PLATFORM_INDEXES = (
	# Churn rate and repurchase read a customer's submitted invoices by date.
	(
		"Sales Invoice",
		("customer", "posting_date", "docstatus", "is_return"),
		"followup_customer_posting_index",
	),
)


def after_install():
	"""Create custom fields and ship default records on a new install."""
	setup_app()


def after_migrate():
	"""Keep custom fields current and ship default records added since the last migrate."""
	setup_app()


def before_uninstall():
	"""Remove the app's custom fields and its settings, so a later install starts afresh."""
	delete_custom_fields(CUSTOM_FIELDS)
	revoke_platform_permissions()
	for doctype, _columns, name in PLATFORM_INDEXES:
		if frappe.db.has_index(f"tab{doctype}", name):
			frappe.db.sql_ddl(f"ALTER TABLE `tab{doctype}` DROP INDEX `{name}`")
	frappe.db.delete("Singles", {"doctype": SETTINGS})
	frappe.clear_document_cache(SETTINGS, SETTINGS)


def setup_app():
	ensure_app_doctypes()
	create_custom_fields(CUSTOM_FIELDS, update=True)
	grant_platform_permissions()
	for doctype, columns, name in PLATFORM_INDEXES:
		frappe.db.add_index(doctype, list(columns), name)
	ship_default_records()


def ensure_app_doctypes():
	"""Sync the app's DocTypes when they are missing, or stop with what is missing and how to fix it.

	Custom fields on Customer link to the app's DocTypes (Customer Tier, Visit Record), and the
	shipped records are of them. `install_app` syncs an app's DocTypes from the bench's module map,
	read from the cache: when the map was cached before the app joined the bench it lacks the app,
	nothing is synced and the custom fields would fail with WrongOptionsDoctypeLinkError. Rebuild the
	map and sync the app then.
	"""
	if not missing_app_doctypes():
		return
	frappe.cache.delete_value(("app_modules", "installed_app_modules", "module_app", "module_installed_app"))
	frappe.setup_module_map()
	sync_for(APP, reset_permissions=True)
	missing = missing_app_doctypes()
	if missing:
		frappe.throw(
			_(
				"Customer Follow-up cannot add its fields to Customer because its DocTypes {0} are missing. "
				"Run bench --site {1} migrate to finish the installation."
			).format(", ".join(missing), frappe.local.site),
			title=_("Customer Follow-up is not installed completely"),
		)


def missing_app_doctypes() -> list[str]:
	"""The DocTypes defined in the app's module folders that the site does not have."""
	names = [
		frappe.get_file_json(path)["name"]
		for module in frappe.get_module_list(APP)
		for path in sorted(Path(frappe.get_app_path(APP, frappe.scrub(module), "doctype")).glob("*/*.json"))
		if path.stem == path.parent.name
	]
	existing = set(frappe.get_all("DocType", filters={"name": ("in", names)}, pluck="name"))
	return [name for name in names if name not in existing]


def delete_custom_fields(custom_fields: dict):
	for doctype, fields in custom_fields.items():
		for name in frappe.get_all(
			"Custom Field",
			filters={"dt": doctype, "fieldname": ("in", [field["fieldname"] for field in fields])},
			pluck="name",
		):
			frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
		frappe.clear_cache(doctype=doctype)


def ship_default_records():
	"""Create each shipped record once, ever, and fill settings defaults that are still empty.

	A record the app shipped before is never recreated, so an admin may edit or delete it and
	migrate leaves that choice alone. The keys of shipped records live in Followup Settings.
	"""
	settings = frappe.get_single(SETTINGS)
	shipped = set(json.loads(settings.shipped_defaults or "[]"))
	changed = fill_missing_defaults(settings)

	tiers = {tier["tier_name"]: tier for tier in DEFAULT_TIERS}
	for name in unshipped(shipped, "Customer Tier", tiers):
		insert_tier(tiers[name])
	for name in unshipped(shipped, "Feedback Category", DEFAULT_FEEDBACK_CATEGORIES):
		if not frappe.db.exists("Feedback Category", name):
			frappe.get_doc({"doctype": "Feedback Category", "category_name": name}).insert(
				ignore_permissions=True
			)
	scripts = {script["script_name"]: script for script in DEFAULT_VISIT_SCRIPTS}
	for name in unshipped(shipped, "Visit Script", scripts):
		insert_visit_script(scripts[name])
	policies = {policy["policy_name"]: policy for policy in DEFAULT_POLICIES}
	for name in unshipped(shipped, "Followup Policy", policies):
		insert_policy(policies[name])
	templates = {template[0]: template for template in DEFAULT_SURVEY_TEMPLATES}
	for name in unshipped(shipped, "Survey Template", templates):
		insert_survey_template(*templates[name])
	for name in unshipped(shipped, "Email Template", DEFAULT_EMAIL_TEMPLATES):
		if not frappe.db.exists("Email Template", name):
			subject, body = DEFAULT_EMAIL_TEMPLATES[name]
			frappe.get_doc(
				{
					"doctype": "Email Template",
					"name": name,
					"subject": subject,
					"use_html": 1,
					"response_html": body,
				}
			).insert(ignore_permissions=True)
	for severity in unshipped(shipped, "Complaint SLA Rule", DEFAULT_SLA_RULES):
		if not any(rule.severity == severity for rule in settings.complaint_sla_rules):
			response_hours, resolution_hours = DEFAULT_SLA_RULES[severity]
			settings.append(
				"complaint_sla_rules",
				{
					"severity": severity,
					"response_hours": response_hours,
					"resolution_hours": resolution_hours,
				},
			)

	rules = {rule["outcome"]: rule for rule in DEFAULT_OUTCOME_RULES}
	for outcome in unshipped(shipped, "Followup Outcome Rule", rules):
		rule = rules[outcome]
		role = rule.get("todo_role")
		template = rule.get("email_template")
		if any(row.outcome == outcome for row in settings.get("outcome_rules") or []):
			continue
		if (role and not frappe.db.exists("Role", role)) or (
			template and not frappe.db.exists("Email Template", template)
		):
			continue
		settings.append("outcome_rules", rule)
	windows = {f"{day} {start}-{end}": (day, start, end) for day, start, end in DEFAULT_BUSY_WINDOWS}
	for key in unshipped(shipped, "Followup Busy Window", windows):
		weekday, start, end = windows[key]
		settings.append("busy_windows", {"weekday": weekday, "from_time": start, "to_time": end})

	shipped_defaults = json.dumps(sorted(shipped))
	if changed or shipped_defaults != (settings.shipped_defaults or "[]"):
		settings.shipped_defaults = shipped_defaults
		settings.flags.ignore_permissions = True
		settings.save()


def fill_missing_defaults(settings) -> bool:
	"""Give settings fields that have never been stored their DocType default; report any change.

	A field is "never stored" when Singles has no row for it (a Check reads as 0 either way, so the
	value alone cannot tell a new toggle from one an admin turned off).
	"""
	singles = frappe.qb.DocType("Singles")
	stored = dict(
		frappe.qb.from_(singles).select(singles.field, singles.value).where(singles.doctype == SETTINGS).run()
	)
	changed = False
	for df in settings.meta.fields:
		if df.default is None:
			continue
		if df.fieldname not in stored or (
			df.fieldtype == "Time" and is_placeholder_time(stored[df.fieldname])
		):
			settings.set(df.fieldname, settings.cast(df.default, df))
			changed = True
	return changed


def unshipped(shipped: set, doctype: str, names):
	"""Yield the names of `doctype` records the app has never shipped, marking them shipped."""
	for name in names:
		key = f"{doctype}:{name}"
		if key not in shipped:
			shipped.add(key)
			yield name


def insert_tier(tier: dict):
	if frappe.db.exists("Customer Tier", tier["tier_name"]):
		return
	if frappe.db.exists("Customer Tier", {"rank": tier["rank"]}):
		# An admin already uses this rank: ship the tier behind every existing one.
		tiers = frappe.qb.DocType("Customer Tier")
		last_rank = frappe.qb.from_(tiers).select(Max(tiers.rank)).run()[0][0] or 0
		tier = dict(tier, rank=last_rank + 1)
	frappe.get_doc({"doctype": "Customer Tier", **tier}).insert(ignore_permissions=True)


def insert_visit_script(script: dict):
	if frappe.db.exists("Visit Script", script["script_name"]):
		return
	questions = [
		{"question": question, "required": required, "hint": hint}
		for question, required, hint in script["questions"]
	]
	frappe.get_doc({"doctype": "Visit Script", **script, "language": "en", "questions": questions}).insert(
		ignore_permissions=True
	)


def insert_policy(policy: dict):
	if frappe.db.exists("Followup Policy", policy["policy_name"]):
		return
	tier = policy.get("customer_tier")
	if tier and not frappe.db.exists("Customer Tier", tier):
		return
	script = frappe.db.get_value("Visit Script", {"visit_type": policy["visit_type"]}, "name")
	# Blank conditions mean "any customer": keep ERPNext's default customer group and territory
	# (global defaults keyed by these fieldnames) from filling them in.
	blanks = {"customer_group": "", "territory": ""}
	frappe.get_doc(
		{"doctype": "Followup Policy", **blanks, **policy, "channel": "Phone", "visit_script": script}
	).insert(ignore_permissions=True)


def insert_survey_template(name: str, language: str, intro: str, thank_you: str, questions):
	if frappe.db.exists("Survey Template", name):
		return
	frappe.get_doc(
		{
			"doctype": "Survey Template",
			"template_name": name,
			"language": language,
			"intro": intro,
			"thank_you": thank_you,
			"questions": [
				{
					"question": text,
					"question_type": kind,
					"options": options,
					"required": required,
					"weight": weight,
				}
				for text, kind, options, required, weight in questions
			],
		}
	).insert(ignore_permissions=True)
