"""Feedback reaches the department that can fix it (seed 001 step 6, seed 003 step 5).

The Problems, Requests and Suggestions of a completed visit, and the text answers of a completed
survey, go to the owner of their Feedback Category — the one a person chose or accepted, else the
suggested one when its confidence reaches Followup Settings' threshold — (its Owner User, else
every enabled user of its Owner Role) as a ToDo on the visit or survey, written in the owner's
language with the customer and the customer's words. Each row records the category it was routed
under, when and to whom (`routed_category`, `routed_on`, `routed_to`), in the same transaction as
the ToDo: a row routed under its category is never routed again, however often the record is saved.

An owner gets one ToDo per record and category, which names its category (`followup_feedback_category`):
rows of that category routed later join it while it is open. The first is Frappe's assignment; as
Frappe keeps one assignment per user and document, an owner's further ToDos on the same record (other
categories, or the record's own ToDo for that user) stand beside it, notified the same way.
"""

import html

import frappe
from frappe import _
from frappe.desk.form.assign_to import notify_assignment
from frappe.utils import escape_html, flt, now_datetime, nowdate

from followup_app.core.routing import (
	SURVEY_ANSWER,
	Feedback,
	Owner,
	batches_per_user,
	due_for_routing,
	effective_category,
)
from followup_app.feedback.suggestions import threshold
from followup_app.platform.compat import add_assignment
from followup_app.platform.languages import by_language, in_language
from followup_app.platform.notifications import role_users
from followup_app.platform.timeline import quietly

VISIT = "Visit Record"
SURVEY = "Satisfaction Survey"


def routing_category(row, limit: float) -> str | None:
	"""The category a visit item or survey answer is routed under (core.routing.effective_category)."""
	return effective_category(
		row.category, row.routed_category, row.suggested_category, flt(row.suggestion_confidence), limit
	)


def visit_feedback(visit) -> list[Feedback]:
	"""The visit's feedback items as plain rows."""
	limit = threshold()
	return [
		Feedback(
			row=item.name,
			kind=item.feedback_type,
			category=routing_category(item, limit),
			text=item.description or "",
			routed_category=item.routed_category or None,
		)
		for item in visit.feedback_items
	]


def survey_feedback(survey) -> list[Feedback]:
	"""The survey's text answers as plain rows (stored escaped: unescaped here, escaped once by the ToDo)."""
	limit = threshold()
	return [
		Feedback(
			row=answer.name,
			kind=SURVEY_ANSWER,
			category=routing_category(answer, limit),
			text=html.unescape(answer.answer_text or ""),
			routed_category=answer.routed_category or None,
		)
		for answer in survey.answers
		if answer.question_type == "Text"
	]


def route_visit_feedback(visit):
	"""Route a completed visit's Problems, Requests and Suggestions to their categories' owners."""
	if visit.status == "Completed":
		route(visit, visit_feedback(visit), visit.feedback_items)


def route_survey_answers(survey):
	"""Route a completed survey's tagged text answers to their categories' owners."""
	if survey.status == "Completed":
		route(survey, survey_feedback(survey), survey.answers)


def category_owners(categories: list[str]) -> dict[str, Owner]:
	"""The owner of each category that has one."""
	return {
		row.name: Owner(user=row.owner_user or None, role=row.owner_role or None)
		for row in frappe.get_all(
			"Feedback Category",
			filters={"name": ("in", categories)},
			fields=["name", "owner_user", "owner_role"],
		)
		if row.owner_user or row.owner_role
	}


def route(doc, items: list[Feedback], rows):
	"""Give each owner the rows due for routing, in one ToDo per category on `doc`, and mark the rows."""
	due = due_for_routing(items)
	if not due:
		return
	# The rows' marks as stored, under the row lock this save holds: a concurrent save waits.
	table = frappe.qb.DocType(rows[0].doctype)
	stored = dict(
		frappe.qb.from_(table)
		.select(table.name, table.routed_category)
		.where(table.parent == doc.name)
		.where(table.parenttype == doc.doctype)
		.for_update()
		.run()
	)
	due = {
		category: [item for item in batch if stored.get(item.row) != category]
		for category, batch in due.items()
	}
	due = {category: batch for category, batch in due.items() if batch}
	owners = category_owners(list(due))
	roles = sorted({owner.role for owner in owners.values() if owner.role and not owner.user})
	batches = batches_per_user(due, owners, role_users(roles))
	if not batches:
		return
	customer = doc.customer_name or doc.customer
	for lang, users in by_language(sorted(batches)).items():
		for user in users:
			for category, batch in batches[user].items():
				with in_language(lang):
					text = todo_text(customer, category, batch)
				give_todo(doc, user, category, text)
	routed_to: dict[str, list[str]] = {}
	routed_under: dict[str, str] = {}
	for user, by_category in batches.items():
		for category, batch in by_category.items():
			for item in batch:
				routed_to.setdefault(item.row, []).append(user)
				routed_under[item.row] = category
	now = now_datetime()
	by_name = {row.name: row for row in rows}
	for name, users in routed_to.items():
		row = by_name[name]
		row.db_set(
			{"routed_category": routed_under[name], "routed_on": now, "routed_to": "\n".join(sorted(users))},
			update_modified=False,
		)
	doc.add_comment(
		"Info",
		_("Feedback routed: {0}").format(
			"; ".join(
				f"{_(category)} → {', '.join(sorted(user for user in batches if category in batches[user]))}"
				for category in sorted({c for by_category in batches.values() for c in by_category})
			)
		),
	)


def todo_text(customer: str, category: str, batch: list[Feedback]) -> str:
	"""The ToDo's text, in the current language: the customer, the category and the customer's words."""
	words = "; ".join(f"{_(item.kind)}: {item.text.strip()}" for item in batch)
	return " — ".join((_("Customer feedback from {0}").format(customer), f"{_(category)}: {words}"))


def give_todo(doc, user: str, category: str, text: str):
	"""`user`'s ToDo on `doc` for `category` with `text`: added to their open one for that category, if any."""
	todo = frappe.qb.DocType("ToDo")
	open_todos = (
		frappe.qb.from_(todo)
		.select(todo.name, todo.description, todo.followup_feedback_category)
		.where(todo.reference_type == doc.doctype)
		.where(todo.reference_name == doc.name)
		.where(todo.allocated_to == user)
		.where(todo.status == "Open")
		.run(as_dict=True)
	)
	same = next((row for row in open_todos if row.followup_feedback_category == category), None)
	if same:
		frappe.db.set_value(
			"ToDo",
			same.name,
			"description",
			f"{same.description or ''}<p>{escape_html(text)}</p>",
			update_modified=False,
		)
		return
	if not open_todos:
		with quietly():
			add_assignment(
				{"assign_to": [user], "doctype": doc.doctype, "name": doc.name, "description": text},
				ignore_permissions=True,
			)
		name = frappe.db.get_value(
			"ToDo",
			{
				"reference_type": doc.doctype,
				"reference_name": doc.name,
				"allocated_to": user,
				"status": "Open",
			},
		)
		frappe.db.set_value("ToDo", name, "followup_feedback_category", category, update_modified=False)
		return
	# The user already holds an assignment on `doc` (so may open it): this category's ToDo joins it.
	new = frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": user,
			"reference_type": doc.doctype,
			"reference_name": doc.name,
			"description": escape_html(text),
			"date": nowdate(),
			"assigned_by": frappe.session.user,
			"followup_feedback_category": category,
		}
	).insert(ignore_permissions=True)
	notify_assignment(
		new.assigned_by, user, doc.doctype, doc.name, action="ASSIGN", description=new.description
	)
