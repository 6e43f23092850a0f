"""The customer brief (客户背景): what a visitor reads before the visit (seed 003 step 2), in one call.

`get_brief(customer)` returns the figures and their HTML (the Jinja template
templates/includes/customer_brief.html). It reads a fixed number of queries whatever
the customer's history (aggregates and short, limited lists), and honours the reader's permissions:
the Customer must be readable, the Follow-up fields show only to those who may read them, and each
section built from other records (invoices, complaints, visits, surveys) is read through the
reader's own rights (`frappe.get_list`: role rules, record rules, user permissions) — a section
the reader may not read is left blank and says so. Every line links to its records.
"""

from datetime import timedelta

import frappe
from frappe.query_builder import Case, Order
from frappe.query_builder.functions import Count, Max, Min, Sum
from frappe.utils import escape_html, get_fullname, getdate, nowdate

from followup_app.core.churn import FACTOR_LABELS, decode_factors
from followup_app.kpi.reports import list_route
from followup_app.platform.compat import form_path

APP_ROLES = {"Followup User", "Followup Manager"}
OPEN_COMPLAINT = ("Open", "In Progress", "Reopened")
LAST_VISITS = 3
TOP_ITEMS = 5
LISTED = 10  # open complaints and next actions listed at most (the link opens all of them)
CUSTOMER_FIELDS = (
	"name",
	"customer_name",
	"followup_tier",
	"lifecycle_stage",
	"account_manager",
	"industry",
	"customer_group",
	"territory",
	"preferred_channel",
	"preferred_contact_time",
	"do_not_contact",
	"followup_unreachable",
	"unreachable_since",
	"last_nps",
	"last_nps_on",
	"avg_satisfaction",
	"satisfaction_ratings",
	"loyalty_points_balance",
	"churn_risk_score",
	"churn_risk_scored_on",
	"churn_risk_factors",
	"customer_primary_contact",
)


@frappe.whitelist()
def get_brief(customer: str) -> dict:
	"""The brief of `customer` as the session user may see it: {"data": figures, "html": the brief}."""
	data = brief_data(customer)
	return {"data": data, "html": render_brief(data)}


def readable(doctype: str) -> bool:
	return bool(frappe.has_permission(doctype, "read"))


def brief_data(customer: str) -> dict:
	"""The brief's figures; a section the reader may not read is None, a figure with nothing to
	measure is None."""
	doc = frappe.get_doc("Customer", customer)
	doc.check_permission("read")
	doc.apply_fieldlevel_read_permissions()
	values = {field: doc.get(field) for field in CUSTOMER_FIELDS}
	invoices_readable = readable("Sales Invoice")
	followup_visible = "followup_tier" in {
		df.fieldname for df in doc.meta.fields
	} and doc.has_permlevel_access_to("followup_tier", permission_type="read")
	return {
		"customer": doc.name,
		"customer_name": doc.customer_name,
		"profile": profile(values, followup_visible),
		"contact": contact_of(doc.name, values.get("customer_primary_contact"))
		if readable("Contact")
		else None,
		"sales": sales_of(doc.name, invoices_readable) if shows_purchases(invoices_readable) else None,
		"complaints": complaints_of(doc.name) if readable("Complaint") else None,
		"visits": visits_of(doc.name) if readable("Visit Record") else None,
		"satisfaction": satisfaction_of(doc.name, values, followup_visible),
		"churn": churn_of(values) if followup_visible else None,
	}


def profile(values: dict, followup_visible: bool) -> dict:
	manager = values.get("account_manager")
	result = {
		"account_manager": manager,
		"account_manager_name": get_fullname(manager) if manager else None,
		"industry": values.get("industry"),
		"customer_group": values.get("customer_group"),
		"territory": values.get("territory"),
	}
	if followup_visible:
		result.update(
			{
				"tier": values.get("followup_tier"),
				"lifecycle_stage": values.get("lifecycle_stage"),
				"preferred_channel": values.get("preferred_channel"),
				"preferred_contact_time": values.get("preferred_contact_time"),
				"do_not_contact": bool(values.get("do_not_contact")),
				"unreachable": bool(values.get("followup_unreachable")),
				"unreachable_since": values.get("unreachable_since"),
			}
		)
	return result


def contact_of(customer: str, primary: str | None) -> dict | None:
	"""The primary contact (else the first linked contact) with their role, if the reader sees one."""
	rows = frappe.get_list(
		"Contact",
		filters=[
			["Dynamic Link", "link_doctype", "=", "Customer"],
			["Dynamic Link", "link_name", "=", customer],
		],
		fields=[
			"name",
			"first_name",
			"last_name",
			"designation",
			"email_id",
			"mobile_no",
			"phone",
			"is_primary_contact",
		],
		order_by="`tabContact`.is_primary_contact desc, `tabContact`.creation asc",
		limit_page_length=LISTED,
	)
	if not rows:
		return None
	row = next((row for row in rows if row.name == primary), rows[0])
	return {
		"name": row.name,
		"full_name": " ".join(part for part in (row.first_name, row.last_name) if part),
		"designation": row.designation,
		"email": row.email_id,
		"phone": row.mobile_no or row.phone,
	}


def shows_purchases(invoices_readable: bool) -> bool:
	"""Whether the reader sees the customer's purchase figures: anyone who may read Sales Invoices,
	and the app's roles unless Followup Settings hides them (Show Purchases in the Brief)."""
	if invoices_readable:
		return True
	if not APP_ROLES & set(frappe.get_roles()):
		return False
	return bool(frappe.db.get_single_value("Followup Settings", "show_purchases_in_brief"))


def sales_of(customer: str, invoices_linked: bool) -> dict:
	"""First and last invoice, 12-month revenue and order count, top items of the last 12 months,
	computed here from the submitted invoices (the reader may not open them: `invoices_linked`)."""
	today = getdate(nowdate())
	year_from = today - timedelta(days=365) + timedelta(days=1)
	invoice = frappe.qb.DocType("Sales Invoice")
	line_item = frappe.qb.DocType("Sales Invoice Item")
	submitted = (invoice.customer == customer) & (invoice.docstatus == 1) & (invoice.is_return == 0)
	in_year = invoice.posting_date[year_from:today]
	in_year_value = Case().when(in_year, invoice.base_grand_total).else_(None)
	first, last, invoices, orders, revenue = (
		frappe.qb.from_(invoice)
		.select(
			Min(invoice.posting_date),
			Max(invoice.posting_date),
			Count(invoice.name),
			Count(in_year_value),
			Sum(in_year_value),
		)
		.where(submitted)
		.run()[0]
	)
	amount = Sum(line_item.base_net_amount)
	items = (
		frappe.qb.from_(invoice)
		.join(line_item)
		.on(line_item.parent == invoice.name)
		.select(line_item.item_code, line_item.item_name, Sum(line_item.stock_qty), amount)
		.where(submitted & in_year & (line_item.parenttype == "Sales Invoice"))
		.groupby(line_item.item_code, line_item.item_name)
		.orderby(amount, order=Order.desc)
		.orderby(line_item.item_code)
		.limit(TOP_ITEMS)
		.run()
	)
	bought = bool(invoices)
	return {
		"first_invoice": first,
		"last_invoice": last,
		# Measured once the customer has invoices at all: then a quiet year is a real 0.
		"revenue_12m": float(revenue or 0) if bought else None,
		"orders_12m": int(orders or 0) if bought else None,
		"currency": frappe.defaults.get_global_default("currency"),
		"top_items": [
			{"item_code": code, "item_name": name, "qty": float(qty or 0), "amount": float(value or 0)}
			for code, name, qty, value in items
			if code
		],
		"from_date": year_from,
		"to_date": today,
		"invoices_linked": invoices_linked,
		"items_linked": readable("Item"),
	}


def complaints_of(customer: str) -> dict:
	rows = frappe.get_list(
		"Complaint",
		filters={"customer": customer, "status": ["in", OPEN_COMPLAINT]},
		fields=["name", "subject", "status", "severity", "sla_status", "resolution_due"],
		order_by="opened_on desc",
		limit_page_length=LISTED + 1,
	)
	return {"open": rows[:LISTED], "more": len(rows) > LISTED}


def visits_of(customer: str) -> dict:
	"""The last three completed visits, the open next actions, and the next planned visit."""
	last = frappe.get_list(
		"Visit Record",
		filters={"customer": customer, "status": "Completed"},
		fields=["name", "visit_datetime", "outcome", "summary", "next_action", "visitor"],
		order_by="visit_datetime desc",
		limit_page_length=LAST_VISITS,
	)
	# A next action is open while its owner's ToDo on the visit is.
	todo = frappe.qb.DocType("ToDo")
	visit = frappe.qb.DocType("Visit Record")
	open_actions = [
		name
		for (name,) in frappe.qb.from_(todo)
		.join(visit)
		.on((visit.name == todo.reference_name) & (todo.reference_type == "Visit Record"))
		.select(visit.name)
		.distinct()
		.where(visit.customer == customer)
		.where(visit.status == "Completed")
		.where(todo.status == "Open")
		.where(todo.allocated_to == visit.next_action_owner)
		.where(visit.next_action.isnotnull())
		.limit(LISTED * 5)
		.run()
	]
	actions = (
		frappe.get_list(
			"Visit Record",
			filters={"name": ["in", open_actions]},
			fields=["name", "next_action", "next_action_owner", "next_action_due"],
			order_by="next_action_due asc",
			limit_page_length=LISTED,
		)
		if open_actions
		else []
	)
	planned = frappe.get_list(
		"Visit Record",
		filters={"customer": customer, "status": "Planned"},
		fields=["name", "planned_date", "planned_time", "visit_type", "channel", "visitor"],
		order_by="planned_at asc",
		limit_page_length=1,
	)
	return {"last": last, "next_actions": actions, "planned": planned[0] if planned else None}


def satisfaction_of(customer: str, values: dict, followup_visible: bool) -> dict:
	"""Last NPS and average satisfaction (Customer), last CSAT (surveys), points balance."""
	result = {
		"followup_visible": followup_visible,
		"last_nps": None,
		"last_nps_on": None,
		"avg_satisfaction": None,
		"points_balance": None,
	}
	if followup_visible:
		measured = values.get("last_nps_on")
		result.update(
			{
				"last_nps": values.get("last_nps") if measured else None,
				"last_nps_on": measured,
				"avg_satisfaction": values.get("avg_satisfaction")
				if values.get("satisfaction_ratings")
				else None,
				"points_balance": values.get("loyalty_points_balance") or 0,
			}
		)
	result["last_csat"] = result["last_csat_on"] = result["last_csat_survey"] = None
	if readable("Satisfaction Survey"):
		rows = frappe.get_list(
			"Satisfaction Survey",
			filters={"customer": customer, "status": "Completed", "csat": [">", 0]},
			fields=["name", "csat", "completed_on"],
			order_by="completed_on desc",
			limit_page_length=1,
		)
		if rows:
			result.update(
				last_csat=rows[0].csat, last_csat_on=rows[0].completed_on, last_csat_survey=rows[0].name
			)
		result["surveys_readable"] = True
	else:
		result["surveys_readable"] = False
	return result


def churn_of(values: dict) -> dict:
	scored = values.get("churn_risk_scored_on")
	return {
		"score": values.get("churn_risk_score") if scored else None,
		"scored_on": scored,
		"factors": decode_factors(values.get("churn_risk_factors")) if scored else [],
	}


BLANK = "–"
BRIEF_TEMPLATE = "followup_app/templates/includes/customer_brief.html"


def shown(value, fieldtype: str = "Data", options: str | None = None) -> str:
	"""A value in the reader's format, escaped; a blank figure shows a dash."""
	if value is None or value == "":
		return BLANK
	if fieldtype == "Data":
		return escape_html(str(value))
	return escape_html(str(frappe.format(value, {"fieldtype": fieldtype, "options": options})))


def render_brief(data: dict) -> str:
	"""The brief's HTML, rendered from its Jinja template as Frappe renders its print and email formats."""
	return frappe.render_template(
		BRIEF_TEMPLATE,
		{
			"brief": data,
			"contacts_readable": readable("Contact"),
			"open_complaint_statuses": list(OPEN_COMPLAINT),
			"factor_labels": FACTOR_LABELS,
			"shown": shown,
			"form_path": form_path,
			"list_route": list_route,
			"full_name": get_fullname,
		},
	)
