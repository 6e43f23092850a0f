"""The customer data audit on the site's records: loads customers and their contact details in a
fixed number of queries and runs the rules of `followup_app.core.audit` on them.

Used by the Customer Data Audit report and its workspace card, over every enabled customer.
"""

from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Cast_, Date
from frappe.utils import cint, getdate

from followup_app.core.audit import EMAIL, MOBILE, PHONE, AuditCustomer, ContactPoint, audit
from followup_app.kpi.cards import card

AUDIT_REPORT = "Customer Data Audit"
DEFAULT_CONFIRM_DAYS = 365
CARD_CACHE_KEY = "followup_app:customers_with_data_problems"
CARD_SECONDS = 600
CUSTOMER_FIELDS = (
	"name",
	"customer_name",
	"customer_group",
	"territory",
	"customer_primary_contact",
	"followup_tier",
	"account_manager",
	"contact_verified_on",
	"creation",
)


def confirm_days() -> int:
	"""Followup Settings, Confirm Contact Details every (Days)."""
	days = frappe.db.get_single_value("Followup Settings", "contact_verify_days")
	return cint(days) or DEFAULT_CONFIRM_DAYS


def load_customers() -> list[frappe._dict]:
	"""The enabled customers, in the order of their names (one query). The report's roles read every
	customer (the Follow-up tab included), so no record rule applies."""
	customer = frappe.qb.DocType("Customer")
	# Dates as ISO text: the driver's date parsing would take longer than the whole audit.
	dates = (Cast_(customer.contact_verified_on, "varchar"), Cast_(Date(customer.creation), "varchar"))
	rows = (
		frappe.qb.from_(customer)
		.select(*(customer[field] for field in CUSTOMER_FIELDS[:-2]), *dates)
		.where(customer.disabled == 0)
		.run()
	)
	return [
		frappe._dict(zip(CUSTOMER_FIELDS, (*row[:-2], iso_date(row[-2]), iso_date(row[-1])), strict=True))
		for row in sorted(rows)
	]


def iso_date(text: str | None) -> date | None:
	return date.fromisoformat(text) if text else None


def load_contact_points() -> list[ContactPoint]:
	"""Every email address and phone number in the email and phone tables of the Contacts linked to
	a customer (three queries, whatever the count: the links, the emails, the phones). The Contact's
	own Email ID, Mobile No and Phone and the Customer's are copies of those rows' primary ones, kept
	by Frappe and ERPNext."""
	link = frappe.qb.DocType("Dynamic Link")
	customers_of: dict[str, list[str]] = {}
	for customer, contact in (
		frappe.qb.from_(link)
		.select(link.link_name, link.parent)
		.where(link.parenttype == "Contact")
		.where(link.link_doctype == "Customer")
		.run()
	):
		customers_of.setdefault(contact, []).append(customer)

	def rows(table, *fields):
		return frappe.qb.from_(table).select(table.parent, *fields).where(table.parenttype == "Contact").run()

	email_row, phone_row = frappe.qb.DocType("Contact Email"), frappe.qb.DocType("Contact Phone")
	points = [
		ContactPoint(customer, EMAIL, email, contact)
		for contact, email in rows(email_row, email_row.email_id)
		for customer in customers_of.get(contact, ())
	]
	points += [
		ContactPoint(customer, MOBILE if is_mobile else PHONE, phone, contact)
		for contact, phone, is_mobile in rows(phone_row, phone_row.phone, phone_row.is_primary_mobile_no)
		for customer in customers_of.get(contact, ())
	]
	return points


def audit_customers(today=None):
	"""(customers by name, findings) for every enabled customer."""
	customers = load_customers()
	records = [
		AuditCustomer(
			row.name,
			row.customer_name,
			row.customer_primary_contact,
			row.followup_tier,
			row.account_manager,
			row.contact_verified_on,
			row.creation,
		)
		for row in customers
	]
	findings = audit(records, load_contact_points(), getdate(today), confirm_days())
	return {row.name: row for row in customers}, findings


@frappe.whitelist()
def customers_with_problems(filters: str | dict | None = None) -> dict | str:
	"""The workspace card: customers with at least one problem in the Customer Data Audit; opens the
	report. Counted at most every CARD_SECONDS (the audit reads every customer), then kept in the
	cache. Frappe shows a Custom card to the readers of its document type, Followup Settings, whose
	readers are the report's roles."""
	if not frappe.get_cached_doc("Report", AUDIT_REPORT).is_permitted():
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	count = frappe.cache.get_value(CARD_CACHE_KEY, expires=True)
	if count is None:
		_customers, findings = audit_customers()
		count = len({finding.customer for finding in findings})
		frappe.cache.set_value(CARD_CACHE_KEY, count, expires_in_sec=CARD_SECONDS)
	return card(count, "Int", ["query-report", AUDIT_REPORT])
