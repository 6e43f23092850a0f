"""The customer brief (客户背景): what a visitor reads before the visit (seed 003 step 2), in one call.

`get_brief(customer)` returns the figures and their HTML. It reads a fixed number of queries whatever
the customer's history (aggregates and short, limited lists), and honours the reader's permissions:
the Customer must be readable, the Follow-up fields show only to those who may read them, and each
section built from other records (invoices, complaints, visits, surveys) is read through the
reader's own rights (`frappe.get_list`: role rules, record rules, user permissions) — a section
the reader may not read is left blank and says so. Every line links to its records.
"""

from datetime import timedelta

import frappe
from frappe import _
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


# Rendering ----------------------------------------------------------------------------------------

BLANK = "–"


def link(route: str, text) -> str:
	return f'<a href="{escape_html(route)}">{escape_html(str(text))}</a>'


def shown(value, fieldtype: str = "Data", options: str | None = None) -> str:
	"""A value in the reader's format, escaped; a blank figure shows a dash."""
	if value is None or value == "":
		return BLANK
	if fieldtype == "Data":
		return escape_html(str(value))
	return escape_html(str(frappe.format(value, {"fieldtype": fieldtype, "options": options})))


def line(label: str, value_html: str) -> str:
	return f'<div class="brief-line"><span class="brief-label">{escape_html(label)}</span> <span class="brief-value">{value_html}</span></div>'


def section(title: str, body: list[str] | None, hidden_because: str | None = None) -> str:
	if body is None:
		inner = f'<div class="brief-hidden text-muted">{escape_html(hidden_because or "")}</div>'
	else:
		inner = "".join(body) or f'<div class="text-muted">{escape_html(_("Nothing yet"))}</div>'
	return f'<div class="brief-section"><div class="brief-title">{escape_html(title)}</div>{inner}</div>'


def render_brief(data: dict) -> str:
	customer = data["customer"]
	parts = [profile_section(data), contact_section(data), sales_section(data), complaints_section(data)]
	parts += visits_sections(data)
	parts += [satisfaction_section(data), churn_section(data)]
	flags = []
	prof = data["profile"]
	if prof.get("do_not_contact"):
		flags.append(f'<span class="indicator-pill red">{escape_html(_("Do Not Contact"))}</span>')
	if prof.get("unreachable"):
		since = shown(prof.get("unreachable_since"), "Date")
		flags.append(
			f'<span class="indicator-pill orange">{escape_html(_("Unreachable since {0}").format(since))}</span>'
		)
	header = (
		f'<div class="brief-header">{link(form_path("Customer", customer), data["customer_name"] or customer)}'
		f" {''.join(flags)}</div>"
	)
	return (
		'<div class="followup-brief">'
		+ STYLE
		+ header
		+ '<div class="brief-grid">'
		+ "".join(part for part in parts if part)
		+ "</div></div>"
	)


def profile_section(data: dict) -> str:
	prof = data["profile"]
	lines = []
	if "tier" in prof:
		tier = link(form_path("Customer Tier", prof["tier"]), prof["tier"]) if prof["tier"] else BLANK
		lines.append(line(_("Tier"), tier))
		lines.append(
			line(_("Lifecycle Stage"), shown(_(prof["lifecycle_stage"]) if prof["lifecycle_stage"] else None))
		)
	manager = prof["account_manager"]
	lines.append(
		line(
			_("Account Manager"),
			link(form_path("User", manager), prof["account_manager_name"] or manager) if manager else BLANK,
		)
	)
	lines.append(
		line(
			_("Industry"),
			link(form_path("Industry Type", prof["industry"]), prof["industry"])
			if prof["industry"]
			else BLANK,
		)
	)
	group = prof["customer_group"]
	lines.append(
		line(_("Customer Group"), link(form_path("Customer Group", group), _(group)) if group else BLANK)
	)
	if "preferred_channel" in prof:
		lines.append(
			line(
				_("Preferred Channel"),
				shown(_(prof["preferred_channel"]) if prof["preferred_channel"] else None),
			)
		)
		lines.append(line(_("Preferred Contact Time"), shown(prof["preferred_contact_time"])))
	return section(_("Profile"), lines)


def contact_section(data: dict) -> str:
	contact = data["contact"]
	if contact is None and not readable("Contact"):
		return section(_("Contact"), None, _("Not shown: you cannot read Contacts."))
	if contact is None:
		return section(_("Contact"), [])
	lines = [
		line(
			_("Contact"),
			link(form_path("Contact", contact["name"]), contact["full_name"] or contact["name"]),
		)
	]
	lines.append(line(_("Role"), shown(contact["designation"])))
	if contact["phone"]:
		lines.append(
			line(
				_("Phone"),
				f'<a href="tel:{escape_html(contact["phone"])}">{escape_html(contact["phone"])}</a>',
			)
		)
	if contact["email"]:
		lines.append(
			line(
				_("Email"),
				f'<a href="mailto:{escape_html(contact["email"])}">{escape_html(contact["email"])}</a>',
			)
		)
	return section(_("Contact"), lines)


def sales_section(data: dict) -> str:
	sales = data["sales"]
	title = _("Purchases")
	if sales is None:
		return section(title, None, _("Not shown: you cannot read Sales Invoices."))
	customer = data["customer"]
	invoices = {"customer": customer, "docstatus": 1, "is_return": 0}
	year = {**invoices, "posting_date": ["Between", [str(sales["from_date"]), str(sales["to_date"])]]}

	def to_invoices(filters: dict, text) -> str:
		"""A figure, linked to its invoices for a reader who may open them."""
		if not sales["invoices_linked"]:
			return str(text)  # shown() has escaped it
		return link(list_route("Sales Invoice", filters), text)

	lines = [
		line(
			_("First Invoice"),
			to_invoices(invoices, shown(sales["first_invoice"], "Date")) if sales["first_invoice"] else BLANK,
		),
		line(
			_("Last Invoice"),
			to_invoices(invoices, shown(sales["last_invoice"], "Date")) if sales["last_invoice"] else BLANK,
		),
		line(
			_("Revenue, Last 12 Months"),
			to_invoices(year, shown(sales["revenue_12m"], "Currency", sales["currency"]))
			if sales["revenue_12m"] is not None
			else BLANK,
		),
		line(
			_("Orders, Last 12 Months"),
			to_invoices(year, sales["orders_12m"]) if sales["orders_12m"] is not None else BLANK,
		),
	]
	if sales["top_items"]:
		items = ", ".join(
			link(form_path("Item", row["item_code"]), row["item_name"] or row["item_code"])
			if sales["items_linked"]
			else escape_html(row["item_name"] or row["item_code"])
			for row in sales["top_items"]
		)
		lines.append(line(_("Top Items, Last 12 Months"), items))
	return section(title, lines)


def complaints_section(data: dict) -> str:
	complaints = data["complaints"]
	title = _("Open Complaints")
	if complaints is None:
		return section(title, None, _("Not shown: you cannot read Complaints."))
	colors = {"On Track": "green", "At Risk": "orange", "Breached": "red", "Met": "blue"}
	lines = []
	for row in complaints["open"]:
		sla = row.sla_status
		severity = f" · {escape_html(_(row.severity))}" if row.severity else ""
		pill = (
			f' <span class="indicator-pill {colors.get(sla, "gray")}">{escape_html(_(sla))}</span>'
			if sla
			else ""
		)
		lines.append(
			'<div class="brief-line">'
			+ link(form_path("Complaint", row.name), row.subject or row.name)
			+ f' <span class="text-muted">{escape_html(_(row.status))}{severity}</span>'
			+ pill
			+ "</div>"
		)
	if complaints["more"]:
		route = list_route(
			"Complaint", {"customer": data["customer"], "status": ["in", list(OPEN_COMPLAINT)]}
		)
		lines.append(f'<div class="brief-line">{link(route, _("All open complaints"))}</div>')
	return section(title, lines)


def visits_sections(data: dict) -> list[str]:
	visits = data["visits"]
	if visits is None:
		hidden = _("Not shown: you cannot read Visit Records.")
		return [section(_("Last Visits"), None, hidden)]
	lines = []
	for row in visits["last"]:
		text = shown(row.visit_datetime, "Date")
		details = [escape_html(_(row.outcome)) if row.outcome else BLANK]
		if row.summary:
			details.append(escape_html(row.summary))
		if row.next_action:
			details.append(escape_html(_("Next: {0}").format(row.next_action)))
		lines.append(
			f'<div class="brief-line">{link(form_path("Visit Record", row.name), text)} '
			f'<span class="brief-value">{" · ".join(details)}</span></div>'
		)
	result = [section(_("Last Visits"), lines)]
	actions = []
	for row in visits["next_actions"]:
		actions.append(
			f'<div class="brief-line">{link(form_path("Visit Record", row.name), row.next_action)} '
			f'<span class="text-muted">{escape_html(get_fullname(row.next_action_owner))} · '
			f"{shown(row.next_action_due, 'Date')}</span></div>"
		)
	planned = visits["planned"]
	if planned:
		when = shown(planned.planned_date, "Date")
		if planned.planned_time:
			when += " " + shown(planned.planned_time, "Time")
		actions.append(
			line(
				_("Next Planned Visit"),
				link(form_path("Visit Record", planned.name), when)
				+ f' <span class="text-muted">{escape_html(_(planned.visit_type))} · {escape_html(_(planned.channel))}</span>',
			)
		)
	result.append(section(_("Open Next Actions"), actions))
	return result


def satisfaction_section(data: dict) -> str:
	sat = data["satisfaction"]
	customer = data["customer"]
	surveys = list_route("Satisfaction Survey", {"customer": customer, "status": "Completed"})
	lines = []
	if sat["followup_visible"]:
		nps = BLANK
		if sat["last_nps"] is not None:
			nps = (
				link(surveys, sat["last_nps"])
				+ f' <span class="text-muted">{shown(sat["last_nps_on"], "Date")}</span>'
			)
		lines.append(line(_("Last NPS"), nps))
		lines.append(line(_("Average Satisfaction"), shown(sat["avg_satisfaction"], "Float")))
	if sat["surveys_readable"]:
		csat = BLANK
		if sat["last_csat"] is not None:
			csat = link(
				form_path("Satisfaction Survey", sat["last_csat_survey"]), shown(sat["last_csat"], "Float")
			) + (f' <span class="text-muted">{shown(sat["last_csat_on"], "Date")}</span>')
		lines.append(line(_("Last CSAT"), csat))
	if sat["points_balance"] is not None:
		points = list_route("Loyalty Points", {"customer": customer, "docstatus": 1})
		lines.append(line(_("Points Balance"), link(points, sat["points_balance"])))
	return section(_("Satisfaction and Points"), lines)


def churn_section(data: dict) -> str:
	churn = data["churn"]
	if churn is None:
		return ""
	if churn["score"] is None:
		return section(_("Churn Risk"), [line(_("Churn Risk Score"), BLANK)])
	lines = [line(_("Churn Risk Score"), link(form_path("Customer", data["customer"]), churn["score"]))]
	for code, points in churn["factors"]:
		lines.append(
			f'<div class="brief-line text-muted">{escape_html(_("{0}: +{1}").format(_(FACTOR_LABELS[code]), points))}</div>'
		)
	return section(_("Churn Risk"), lines)


STYLE = """<style>
.followup-brief .brief-header { font-weight: 600; margin-bottom: var(--margin-sm, 8px); display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
.followup-brief .brief-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 12px 24px; }
.followup-brief .brief-title { font-weight: 600; color: var(--text-color); border-bottom: 1px solid var(--border-color); margin-bottom: 4px; padding-bottom: 2px; }
.followup-brief .brief-line { font-size: var(--text-sm, 13px); line-height: 1.6; overflow-wrap: anywhere; }
.followup-brief .brief-label { color: var(--text-muted); }
</style>"""
