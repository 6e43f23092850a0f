"""Personal data: the part of a person's records Frappe's requests cannot reach by themselves.

Download. Frappe's Personal Data Download Request lists the parent records `user_data_fields`
(hooks.py) finds by the person's email. The app adds what those records hold in child tables (the
answers to a visit's script, the feedback noted on a visit, a complaint's status notes, a survey's
answers) and the points ledger of the person's customer, so the file holds every record the hook
promises (`PersonalDataDownloadRequest`, through `override_doctype_class`).

Deletion. Frappe's Personal Data Deletion Request redacts the listed fields of the app's visits,
complaints and surveys and replaces the person's email by the request's anonymous address. Once the
request is Deleted, `redact_after_deletion` clears what it cannot reach: the person's words in child
rows, the descriptions of the ToDos the app wrote from those records (routed feedback, next actions,
escalations), and the earlier values the records' change history (Version) keeps. Scores, ratings,
outcomes, statuses, feedback types and categories stay, so the KPIs count the same.
"""

import json

import frappe
from frappe.website.doctype.personal_data_download_request.personal_data_download_request import (
	PersonalDataDownloadRequest as FrappePersonalDataDownloadRequest,
)

from followup_app.core.privacy import REDACTED, redact_version_data
from followup_app.platform.bulk import update_by_name

DELETED = "Deleted"
VISIT, COMPLAINT, SURVEY = "Visit Record", "Complaint", "Satisfaction Survey"
# Survey answers hold text only for Text questions; a rating's answer_text is its score.
ONLY_WHERE = {"Survey Answer": ("question_type", "Text")}
# The free text of the app's child rows: (child DocType, parent DocType, text field).
CHILD_TEXT = (
	("Visit Script Answer", VISIT, "answer"),
	("Visit Feedback Item", VISIT, "description"),
	("Complaint Status Change", COMPLAINT, "reason"),
	("Survey Answer", SURVEY, "answer_text"),
)


class PersonalDataDownloadRequest(FrappePersonalDataDownloadRequest):
	"""Frappe's download request, with the app's child rows and the customer's points ledger."""

	def generate_file_and_send_mail(self, personal_data):
		super().generate_file_and_send_mail(with_followup_records(personal_data, self.user))


def person_records(email: str) -> dict[str, list[str]]:
	"""{DocType: names} of the app's visits, complaints and surveys found by the person's email, as
	`user_data_fields` finds them."""
	found: dict[str, list[str]] = {}
	for hook in frappe.get_hooks("user_data_fields"):
		doctype = hook.get("doctype")
		if doctype in (VISIT, COMPLAINT, SURVEY) and hook.get("filter_by"):
			names = frappe.get_all(doctype, filters={hook["filter_by"]: email}, pluck="name")
			found[doctype] = sorted(set(found.get(doctype, [])) | set(names))
	return found


def person_customers(email: str) -> list[str]:
	"""The customers the person is a contact of (by a Contact with that email), or whose email it is."""
	contact_email = frappe.qb.DocType("Contact Email")
	link = frappe.qb.DocType("Dynamic Link")
	linked = (
		frappe.qb.from_(link)
		.join(contact_email)
		.on((contact_email.parent == link.parent) & (contact_email.parenttype == "Contact"))
		.select(link.link_name)
		.where(link.parenttype == "Contact")
		.where(link.link_doctype == "Customer")
		.where(contact_email.email_id == email)
		.run(pluck=True)
	)
	own = frappe.get_all("Customer", filters={"email_id": email}, pluck="name")
	return sorted(set(linked) | set(own))


def with_followup_records(personal_data: str, email: str) -> str:
	"""Frappe's download data (JSON) with the child rows of the person's app records and the points
	ledger of their customers."""
	data = json.loads(personal_data or "{}")
	records = person_records(email)
	for child, parent, _field in CHILD_TEXT:
		if records.get(parent):
			rows = frappe.get_all(
				child,
				filters={"parenttype": parent, "parent": ("in", records[parent])},
				fields=["*"],
				order_by="parent asc, idx asc",
			)
			if rows:
				data[child] = rows
	customers = person_customers(email)
	if customers:
		ledger = frappe.get_all(
			"Loyalty Points",
			filters={"customer": ("in", customers)},
			fields=["*"],
			order_by="posting_date asc, creation asc",
		)
		if ledger:
			data["Loyalty Points"] = ledger
	return json.dumps(data, indent=2, default=str)


def redact_after_deletion(request, _method=None):
	"""doc_events on_change of Personal Data Deletion Request: once Deleted, redact the person's words
	in the child rows, ToDos and change history of the records that now carry the request's anonymous
	address. Idempotent."""
	if request.status != DELETED:
		return
	anon = request.name
	records = person_records(anon)
	for child, parent, field in CHILD_TEXT:
		if records.get(parent):
			redact(child, field, parent, records[parent])
	redact_todos(records)
	redact_versions(records, {request.email: anon} if request.email else {})


def redact(child: str, fieldname: str, parenttype: str, parents: list[str]):
	"""One UPDATE: `fieldname` of the `child` rows under `parents` that hold text becomes REDACTED."""
	table = frappe.qb.DocType(child)
	field = table[fieldname]
	query = (
		frappe.qb.update(table)
		.set(field, REDACTED)
		.where(table.parenttype == parenttype)
		.where(table.parent.isin(parents))
		.where(field.isnotnull())
		.where(field != "")
		.where(field != REDACTED)
	)
	if child in ONLY_WHERE:
		column, value = ONLY_WHERE[child]
		query = query.where(table[column] == value)
	query.run()


def redact_todos(records: dict[str, list[str]]):
	"""The ToDos on the person's records quote their words and email: their descriptions go."""
	todo = frappe.qb.DocType("ToDo")
	for doctype, names in records.items():
		if names:
			(
				frappe.qb.update(todo)
				.set(todo.description, REDACTED)
				.where(todo.reference_type == doctype)
				.where(todo.reference_name.isin(names))
				.where(todo.description != REDACTED)
				.run()
			)


def redacted_fields(doctype: str) -> set[str]:
	"""The fields a deletion redacts on `doctype`, with the email fields it finds the person by."""
	fields = {"contact"}
	for hook in frappe.get_hooks("user_data_fields"):
		if hook.get("doctype") == doctype:
			fields.update(hook.get("redact_fields") or [])
			if hook.get("filter_by"):
				fields.add(hook["filter_by"])
	return fields


def redact_versions(records: dict[str, list[str]], replacements: dict[str, str]):
	"""The earlier values the records' change history keeps: redacted, one write per batch."""
	version = frappe.qb.DocType("Version")
	child_fields = {field for _child, _parent, field in CHILD_TEXT}
	for doctype, names in records.items():
		if not names:
			continue
		fields = redacted_fields(doctype)
		rows = (
			frappe.qb.from_(version)
			.select(version.name, version.data)
			.where(version.ref_doctype == doctype)
			.where(version.docname.isin(names))
			.run()
		)
		changed = {}
		for name, raw in rows:
			data = json.loads(raw or "{}")
			redacted = redact_version_data(data, fields, child_fields, replacements)
			if redacted != data:
				changed[name] = {"data": json.dumps(redacted, separators=(",", ":"), default=str)}
		update_by_name("Version", changed)
